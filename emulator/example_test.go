package emulator_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"

	"github.com/tencentyun/tls-sig-api-v2-golang/tencentyun"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
)

const (
	exampleApp = 1400000001
	exampleKey = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"
)

// exampleApps is the one app the examples' emulators know.
var exampleApps = []emulator.App{{SDKAppID: exampleApp, SecretKey: exampleKey}}

// apiRequest sends one signed v4 request, as a client of the real API would.
func apiRequest(base, path, body string) (*http.Response, error) {
	sig, err := tencentyun.GenUserSig(exampleApp, exampleKey, emulator.DefaultIdentifier, 3600)
	if err != nil {
		return nil, err
	}
	q := url.Values{"sdkappid": {fmt.Sprint(exampleApp)}, "identifier": {emulator.DefaultIdentifier},
		"usersig": {sig}, "random": {"42"}, "contenttype": {"json"}}
	return http.Post(base+path+"?"+q.Encode(), "application/json", strings.NewReader(body))
}

// A test starts the emulator on a free loopback port, points the code under
// test at srv.URL, and checks the outcome through the Go API.
func ExampleNewServer() {
	srv, err := emulator.NewServer(emulator.Options{Apps: exampleApps})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	// The code under test calls the API (here by hand).
	resp, err := apiRequest(srv.URL, "/v4/call_config/set_callback",
		`{"Url":"https://example.com/call","CallbackCommandList":["Call.CallbackAfterStartCall"]}`)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	var answer struct{ ActionStatus string }
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.StatusCode, answer.ActionStatus)

	cfg, found := srv.Config(exampleApp, emulator.ProductCall)
	fmt.Println(found, cfg.URL, cfg.Commands)
	// Output:
	// 200 OK
	// true https://example.com/call [Call.CallbackAfterStartCall]
}

// Faults disturb the next matching requests, then the emulator answers
// normally again.
func ExampleEmulator_InjectFault() {
	srv, err := emulator.NewServer(emulator.Options{Apps: exampleApps})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.InjectFault(emulator.Fault{Kind: emulator.FaultHTTPStatus, Status: http.StatusBadGateway, PathPrefix: "/v4/call_config/"})
	for range 2 {
		resp, err := apiRequest(srv.URL, "/v4/call_config/get_callback", `{}`)
		if err != nil {
			log.Fatal(err)
		}
		resp.Body.Close()
		fmt.Println(resp.Status)
	}
	fmt.Println("faults answered:", srv.Stats().Faults)
	// Output:
	// 502 Bad Gateway
	// 200 OK
	// faults answered: 1
}

// Trigger delivers a callback event to the configured URL, as Tencent would.
func ExampleEmulator_Trigger() {
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Println("received", r.URL.Query().Get("CallbackCommand"))
		fmt.Fprint(w, `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}`)
	}))
	defer receiver.Close()

	e, err := emulator.New(emulator.Options{Apps: exampleApps})
	if err != nil {
		log.Fatal(err)
	}
	err = e.PutConfig(exampleApp, emulator.ProductCall, emulator.CallbackConfig{
		URL:      receiver.URL + "/call",
		Commands: []string{"Call.CallbackAfterStartCall"},
	})
	if err != nil {
		log.Fatal(err)
	}
	d, err := e.Trigger(context.Background(), exampleApp, "Call.CallbackAfterStartCall", nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("delivered:", d.Delivered, d.Product, d.Status)
	// Output:
	// received Call.CallbackAfterStartCall
	// delivered: true call 200
}

// New returns an http.Handler for a server of your own; the control API
// under /emulator/ answers loopback clients.
func ExampleNew() {
	e, err := emulator.New(emulator.Options{Apps: exampleApps})
	if err != nil {
		log.Fatal(err)
	}
	srv := httptest.NewServer(e)
	defer srv.Close()

	e.PutLiveToken(exampleApp, emulator.LiveToken{Token: "example-token", Enabled: true})
	resp, err := http.Get(srv.URL + "/emulator/apps/1400000001/live-token")
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Print(resp.Status, "\n", string(body))
	// Output:
	// 200 OK
	// {
	//   "token": "example-token",
	//   "enabled": true
	// }
}

// A receiver checks a signed Live callback by recomputing Sign from its
// token and the RequestTime query parameter.
func ExampleSign() {
	fmt.Println(emulator.Sign("example-token", "1700000000"))
	// Output: 7538b0983b8e100fc6d802a83bd847a1b757ee983e909b099b628853871e2ab5
}
