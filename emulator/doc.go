// Package emulator is a local stand-in for the Tencent RTC callback
// configuration APIs: the v4 call_config, live_config and room_config
// services and the legacy TUICallKit v1 callback API. It answers with the
// documented envelopes, verbs and error codes, checks every UserSig for real,
// enforces the documented rate limits, and delivers callback events to the
// configured URLs as Tencent does (with Sign and RequestTime when a Live
// token is enabled).
//
// Use it in Go tests like net/http/httptest.Server:
//
//	srv, err := emulator.NewServer(emulator.Options{
//		Apps: []emulator.App{{SDKAppID: 1400000001, SecretKey: key}},
//	})
//	if err != nil {
//		t.Fatal(err)
//	}
//	defer srv.Close()
//	// Point the code under test at srv.URL, e.g. the provider's endpoint
//	// attribute or TENCENTRTC_ENDPOINT=srv.URL.
//
// API requests are POST /v4/{call,live,room}_config/<verb> and
// /v1/callback/{set,get,update,delete}, each with the query parameters
// sdkappid, identifier (the app administrator), usersig (minted from the
// app's secret key, e.g. with github.com/tencentyun/tls-sig-api-v2-golang),
// random and contenttype=json.
//
// The methods of *Emulator (promoted to *Server) arrange a test's world out
// of band: PutConfig, DeleteConfig and PutLiveToken change state as someone
// else would, InjectFault disturbs the next requests (HTTP 502, error codes,
// throttling, delays, dropped connections), Stats counts requests, and
// Trigger delivers a callback event. The same controls are an HTTP API under
// /emulator/, served to loopback clients only; ControlRoutes lists it.
//
// New returns the bare http.Handler, to serve another way. The
// tencentrtc-emulator command serves the same emulator as a process.
package emulator
