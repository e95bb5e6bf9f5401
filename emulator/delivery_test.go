package emulator

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/wire/delivery"
)

func TestSignWorkedExample(t *testing.T) {
	const want = "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061"
	if got := Sign("xxxxyyyy", "1669872112"); got != want {
		t.Fatalf("Sign = %s, want %s (API.md §Callback delivery worked example)", got, want)
	}
}

func TestTriggerV4(t *testing.T) {
	const ts = 1669872112
	rc := newReceiver(t)
	e := newTestEmulator(t, func(o *Options) { o.Now = fixedNow(ts) })
	ctx := context.Background()
	mustPut := func(p catalog.Product, words ...string) {
		t.Helper()
		if err := e.PutConfig(testAppID, p, CallbackConfig{URL: rc.URL + "/cb/" + string(p), Commands: words}); err != nil {
			t.Fatal(err)
		}
	}
	mustPut(catalog.Call, "Call.CallbackAfterStartCall", "Call.CallbackAfterEndCall")
	mustPut(catalog.Live, "Live.CallbackAfterCreateRoom", "Mic.CallbackAfterSeatInfoChanged")
	mustPut(catalog.Room, "Room.CallbackAfterMemberLeave", "Mic.CallbackAfterSeatInfoChanged")
	e.PutLiveToken(testAppID, LiveToken{Token: "xxxxyyyy", Enabled: true})

	const signed = "&Sign=17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061&RequestTime=1669872112"
	tests := []struct {
		name      string
		req       TriggerRequest
		path      string
		wantQuery string
	}{
		{"call", TriggerRequest{Command: "Call.CallbackAfterStartCall"}, "/cb/call",
			"SdkAppid=1400000001&CallbackCommand=Call.CallbackAfterStartCall&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI"},
		{"live signed", TriggerRequest{Command: "Live.CallbackAfterCreateRoom", ClientIP: "203.0.113.7", OptPlatform: "Android"}, "/cb/live",
			"SdkAppid=1400000001&CallbackCommand=Live.CallbackAfterCreateRoom&contenttype=json&ClientIP=203.0.113.7&OptPlatform=Android" + signed},
		{"mic goes to live first", TriggerRequest{Command: "Mic.CallbackAfterSeatInfoChanged"}, "/cb/live",
			"SdkAppid=1400000001&CallbackCommand=Mic.CallbackAfterSeatInfoChanged&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI" + signed},
		{"mic to room when named, unsigned", TriggerRequest{Command: "Mic.CallbackAfterSeatInfoChanged", Product: catalog.Room}, "/cb/room",
			"SdkAppid=1400000001&CallbackCommand=Mic.CallbackAfterSeatInfoChanged&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.req.SDKAppID = testAppID
			d, err := e.TriggerEvent(ctx, tt.req)
			if err != nil || !d.Delivered || d.Attempts != 1 || d.Status != 200 {
				t.Fatalf("delivery %+v, err %v", d, err)
			}
			got := rc.requests()
			if len(got) != i+1 {
				t.Fatalf("receiver got %d requests, want %d", len(got), i+1)
			}
			r := got[i]
			if r.method != http.MethodPost || r.path != tt.path || r.rawQuery != tt.wantQuery {
				t.Fatalf("got %s %s?%s\nwant POST %s?%s", r.method, r.path, r.rawQuery, tt.path, tt.wantQuery)
			}
			if d.URL != rc.URL+tt.path+"?"+tt.wantQuery || string(d.Body) != string(r.body) {
				t.Errorf("Delivery URL/body differ from what was sent: %s", d.URL)
			}
			var body map[string]any
			if err := json.Unmarshal(r.body, &body); err != nil {
				t.Fatal(err)
			}
			if body["CallbackCommand"] != tt.req.Command || body["EventTime"] != float64(ts*1000) {
				t.Errorf("body %s", r.body)
			}
			if !strings.Contains(d.Reply, `"ActionStatus":"OK"`) {
				t.Errorf("Reply = %q", d.Reply)
			}
		})
	}

	t.Run("sample payload of start call", func(t *testing.T) {
		var body struct {
			CallInfo struct{ CallID, CallMediaType string } `json:"CallInfo"`
			UserList []struct{ UserAccount, Status string }
		}
		if err := json.Unmarshal(rc.requests()[0].body, &body); err != nil || body.CallInfo.CallMediaType != "Audio" || len(body.UserList) != 2 {
			t.Errorf("payload %s", rc.requests()[0].body)
		}
	})

	t.Run("custom body gets CallbackCommand", func(t *testing.T) {
		d, err := e.Trigger(ctx, testAppID, "Call.CallbackAfterEndCall", json.RawMessage(`{"CallbackCommand":"wrong","X":1}`))
		if err != nil || !d.Delivered {
			t.Fatalf("%+v %v", d, err)
		}
		var body map[string]any
		_ = json.Unmarshal(rc.requests()[len(rc.requests())-1].body, &body)
		if body["CallbackCommand"] != "Call.CallbackAfterEndCall" || body["X"] != float64(1) {
			t.Errorf("body %v", body)
		}
	})

	t.Run("token disabled: no Sign", func(t *testing.T) {
		e.PutLiveToken(testAppID, LiveToken{Token: "xxxxyyyy", Enabled: false})
		defer e.PutLiveToken(testAppID, LiveToken{Token: "xxxxyyyy", Enabled: true})
		d, err := e.Trigger(ctx, testAppID, "Live.CallbackAfterCreateRoom", nil)
		if err != nil || !d.Delivered || strings.Contains(d.URL, "Sign=") || strings.Contains(d.URL, "RequestTime=") {
			t.Fatalf("%+v %v", d, err)
		}
	})

	t.Run("not delivered", func(t *testing.T) {
		before := len(rc.requests())
		for _, tt := range []struct {
			app     uint64
			command string
			reason  string
		}{
			{testAppID, "Live.CallbackAfterDestroyRoom", "does not enable"},
			{testAppID, "Room.CallbackAfterCreateRoom", "does not enable"},
			{testApp2ID, "Call.CallbackAfterStartCall", "has no call callback configuration"},
			{testAppID, "normal_end", "has no callkit callback configuration"},
		} {
			d, err := e.Trigger(ctx, tt.app, tt.command, nil)
			if err != nil || d.Delivered || d.Attempts != 0 || !strings.Contains(d.Reason, tt.reason) {
				t.Errorf("%s: %+v %v, want not delivered: %q", tt.command, d, err, tt.reason)
			}
		}
		if n := len(rc.requests()); n != before {
			t.Errorf("receiver got %d requests for disabled words", n-before)
		}
	})

	t.Run("bad requests", func(t *testing.T) {
		if _, err := e.Trigger(ctx, 1400000009, "Call.CallbackAfterStartCall", nil); err == nil {
			t.Error("unknown app accepted")
		}
		if _, err := e.Trigger(ctx, testAppID, "Call.Nope", nil); err == nil {
			t.Error("unknown word accepted")
		}
		if _, err := e.TriggerEvent(ctx, TriggerRequest{SDKAppID: testAppID, Command: "Call.CallbackAfterStartCall", Product: catalog.Live}); err == nil {
			t.Error("word of another product accepted")
		}
		if _, err := e.Trigger(ctx, testAppID, "Call.CallbackAfterStartCall", json.RawMessage(`"x"`)); err == nil {
			t.Error("non-object body accepted")
		}
	})
}

func TestTriggerV4FailureIsNotRetried(t *testing.T) {
	rc := newReceiver(t, replyString(500, "oops"))
	e := newTestEmulator(t, nil)
	if err := e.PutConfig(testAppID, catalog.Call, CallbackConfig{URL: rc.URL, Commands: []string{"Call.CallbackAfterStartCall"}}); err != nil {
		t.Fatal(err)
	}
	d, err := e.Trigger(context.Background(), testAppID, "Call.CallbackAfterStartCall", nil)
	if err != nil || d.Delivered || d.Attempts != 1 || d.Status != 500 || d.Reply != "oops" || len(rc.requests()) != 1 {
		t.Fatalf("%+v %v", d, err)
	}
	rc2 := newReceiver(t, replyString(200, "not json"))
	_ = e.PutConfig(testAppID, catalog.Call, CallbackConfig{URL: rc2.URL, Commands: []string{"Call.CallbackAfterStartCall"}})
	if d, _ := e.Trigger(context.Background(), testAppID, "Call.CallbackAfterStartCall", nil); d.Delivered {
		t.Fatalf("a non-JSON reply counts as delivered: %+v", d)
	}
}

func TestTriggerV1RetrySchedule(t *testing.T) {
	const ts = 1704856885
	schedule := []time.Duration{0, 20 * time.Millisecond, 20 * time.Millisecond, 40 * time.Millisecond, 60 * time.Millisecond, 100 * time.Millisecond}
	e := newTestEmulator(t, func(o *Options) { o.Now = fixedNow(ts); o.V1RetrySchedule = schedule })

	t.Run("succeeds on the third attempt", func(t *testing.T) {
		rc := newReceiver(t,
			replyString(200, `{"ErrorCode":1,"ErrorMessage":"busy"}`),
			replyString(502, "bad gateway"),
			replyString(200, `{"ErrorCode":0,"ErrorMessage":"Success"}`))
		if err := e.PutConfig(testAppID, catalog.CallKit, CallbackConfig{URL: rc.URL + "/v1cb?x=1", Commands: []string{"normal_end", "caller_start_call"}}); err != nil {
			t.Fatal(err)
		}
		d, err := e.TriggerEvent(context.Background(), TriggerRequest{SDKAppID: testAppID, Command: "normal_end", OptPlatform: "iOS"})
		if err != nil || !d.Delivered || d.Attempts != 3 || d.Product != catalog.CallKit {
			t.Fatalf("%+v %v", d, err)
		}
		got := rc.requests()
		if len(got) != 3 {
			t.Fatalf("receiver got %d requests", len(got))
		}
		const wantQuery = "x=1&sdkappid=1400000001&command=normal_end&contenttype=json&clientip=127.0.0.1&optplatform=iOS"
		if got[0].rawQuery != wantQuery || got[0].path != "/v1cb" {
			t.Errorf("query %s, want %s", got[0].rawQuery, wantQuery)
		}
		for i := 1; i < 3; i++ {
			if gap := got[i].at.Sub(got[i-1].at); gap < schedule[i] {
				t.Errorf("attempt %d came %v after the previous one, want at least %v", i+1, gap, schedule[i])
			}
		}
		var body map[string]any
		if err := json.Unmarshal(got[0].body, &body); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"UserId", "RoomId", "TotalNum", "MediaType", "CallType", "CallId", "Role", "EventTime", "StartCallTs", "AcceptTs", "EndTs"} {
			if _, ok := body[k]; !ok {
				t.Errorf("normal_end body lacks %s: %s", k, got[0].body)
			}
		}
		if body["CallResult"] != "normal_end" || body["EndTs"] != float64(ts) {
			t.Errorf("body %s", got[0].body)
		}
	})

	t.Run("abandoned after every attempt fails", func(t *testing.T) {
		rc := newReceiver(t, replyString(200, `{"ErrorCode":5}`))
		_ = e.PutConfig(testAppID, catalog.CallKit, CallbackConfig{URL: rc.URL, Commands: []string{"caller_start_call"}})
		d, err := e.Trigger(context.Background(), testAppID, "caller_start_call", nil)
		if err != nil || d.Delivered || d.Attempts != len(schedule) || len(rc.requests()) != len(schedule) || !strings.Contains(d.Reason, "ErrorCode 5") {
			t.Fatalf("%+v %v", d, err)
		}
		var body map[string]any
		_ = json.Unmarshal(d.Body, &body)
		if _, ok := body["CallResult"]; ok || body["Role"] != "caller" {
			t.Errorf("event body %s: no CallResult on event words", d.Body)
		}
	})

	t.Run("context ends the schedule", func(t *testing.T) {
		rc := newReceiver(t, replyString(500, ""))
		e2 := newTestEmulator(t, func(o *Options) { o.V1RetrySchedule = []time.Duration{0, time.Hour} })
		_ = e2.PutConfig(testAppID, catalog.CallKit, CallbackConfig{URL: rc.URL, Commands: []string{"cancel"}})
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		d, err := e2.Trigger(ctx, testAppID, "cancel", nil)
		if err != nil || d.Delivered || d.Attempts != 1 || !strings.Contains(d.Reason, "cancelled") {
			t.Fatalf("%+v %v", d, err)
		}
	})
}

func TestDefaults(t *testing.T) {
	e := newTestEmulator(t, func(o *Options) { *o = Options{} })
	if e.client.Timeout != 2*time.Second || e.v4Limit != 200 || e.v1Limit != 10 || e.maxBody != 64<<10 {
		t.Errorf("defaults: timeout %v v4 %v v1 %v body %d", e.client.Timeout, e.v4Limit, e.v1Limit, e.maxBody)
	}
	want := []time.Duration{0, time.Second, time.Second, 2 * time.Second, 3 * time.Second, 5 * time.Second}
	if len(e.retrySchedule) != len(want) {
		t.Fatalf("schedule %v", e.retrySchedule)
	}
	for i := range want {
		if e.retrySchedule[i] != want[i] {
			t.Errorf("schedule %v, want %v", e.retrySchedule, want)
		}
	}
}

// TestReceiverPassesTestCallback sends the test receiver the callbacks of
// the tencentrtc_test_callback action (delivery.Post, checked strictly as
// the action checks them): its default answer is the documented one.
func TestReceiverPassesTestCallback(t *testing.T) {
	rc := newReceiver(t)
	for _, cb := range []delivery.Callback{
		{SDKAppID: testAppID, Command: "Call.CallbackAfterStartCall"},
		{SDKAppID: testAppID, Command: "Live.CallbackAfterCreateRoom", Token: "xxxxyyyy"},
		{SDKAppID: testAppID, Command: "normal_end", V1: true},
	} {
		cb.Time = time.Now()
		a, err := delivery.Post(context.Background(), delivery.NewClient(), "test", cb.URL(rc.URL), cb.Payload())
		if err != nil || a.Problem(cb.V1, true) != "" {
			t.Errorf("%s: %+v %v: %s", cb.Command, a, err, a.Problem(cb.V1, true))
		}
	}
	if n := len(rc.requests()); n != 3 {
		t.Errorf("the receiver got %d callbacks, want 3", n)
	}
}
