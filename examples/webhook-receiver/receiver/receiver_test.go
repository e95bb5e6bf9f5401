package receiver

import (
	"errors"
	"log"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

// The worked example of the Tencent documentation (API.md §Callback delivery).
const (
	docToken       = "xxxxyyyy"
	docRequestTime = "1669872112"
	docSign        = "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061"
	testApp        = 1400000000
)

var docNow = time.Unix(1669872112, 0)

func TestSignWorkedExample(t *testing.T) {
	if got := Sign(docToken, docRequestTime); got != docSign {
		t.Fatalf("Sign(%q, %q) = %s, want %s", docToken, docRequestTime, got, docSign)
	}
}

func TestVerifySign(t *testing.T) {
	tests := []struct {
		name        string
		token, sign string
		requestTime string
		now         time.Time
		want        error
	}{
		{"worked example", docToken, docSign, docRequestTime, docNow, nil},
		{"uppercase hex is the same signature", docToken, strings.ToUpper(docSign), docRequestTime, docNow, nil},
		{"59 s old", docToken, docSign, docRequestTime, docNow.Add(59 * time.Second), nil},
		{"exactly 60 s old", docToken, docSign, docRequestTime, docNow.Add(60 * time.Second), nil},
		{"61 s old is a replay", docToken, docSign, docRequestTime, docNow.Add(61 * time.Second), ErrStale},
		{"61 s in the future", docToken, docSign, docRequestTime, docNow.Add(-61 * time.Second), ErrStale},
		{"other token", "xxxxyyyz", docSign, docRequestTime, docNow, ErrBadSign},
		{"other time, same sign", docToken, docSign, "1669872113", docNow, ErrBadSign},
		{"truncated sign", docToken, docSign[:63], docRequestTime, docNow, ErrBadSign},
		{"empty sign", docToken, "", docRequestTime, docNow, ErrMissingSign},
		{"empty time", docToken, docSign, "", docNow, ErrMissingSign},
		{"time not a number", docToken, docSign, "1669872112.0", docNow, ErrBadTime},
		{"time in milliseconds", docToken, Sign(docToken, "1669872112000"), "1669872112000", docNow, ErrStale},
		{"negative time", docToken, docSign, "-1", docNow, ErrBadTime},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := VerifySign(tt.token, tt.sign, tt.requestTime, tt.now, DefaultMaxSkew)
			if !errors.Is(err, tt.want) {
				t.Fatalf("VerifySign() = %v, want %v", err, tt.want)
			}
		})
	}
}

func newReceiver(token string) (*Receiver, *testfixtures.SyncBuffer) {
	var logs testfixtures.SyncBuffer
	return &Receiver{
		SDKAppID: testApp,
		Token:    token,
		Log:      log.New(&logs, "", 0),
		Now:      func() time.Time { return docNow },
	}, &logs
}

func v4Query(app, command string) string {
	return "SdkAppid=" + app + "&CallbackCommand=" + command + "&contenttype=json&ClientIP=203.0.113.7&OptPlatform=RESTAPI"
}

func post(t *testing.T, h http.Handler, target, body string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

const okReply = `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}`

func TestReceiverAcceptsSignedLiveCallback(t *testing.T) {
	rc, logs := newReceiver(docToken)
	var got Callback
	rc.Handle = func(cb Callback) error { got = cb; return nil }
	target := "/live?" + v4Query("1400000000", "Live.CallbackAfterCreateRoom") + "&Sign=" + docSign + "&RequestTime=" + docRequestTime
	rec := post(t, rc, target, `{"CallbackCommand": "Live.CallbackAfterCreateRoom", "RoomId": "r1"}`)
	if rec.Code != http.StatusOK || rec.Body.String() != okReply {
		t.Fatalf("got %d %s, want 200 %s", rec.Code, rec.Body, okReply)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	if !got.Signed || got.Command != "Live.CallbackAfterCreateRoom" || got.SDKAppID != testApp ||
		got.Platform != "RESTAPI" || got.ClientIP != "203.0.113.7" || string(got.Body) != `{"CallbackCommand":"Live.CallbackAfterCreateRoom","RoomId":"r1"}` {
		t.Errorf("callback = %+v", got)
	}
	out := logs.String()
	for _, want := range []string{"ACCEPTED Live.CallbackAfterCreateRoom", "signature valid", `"RoomId":"r1"`, "Sign=17773bc3..."} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, docSign) || strings.Contains(out, docToken) {
		t.Errorf("log holds the whole signature or the token:\n%s", out)
	}
}

func TestReceiverRejects(t *testing.T) {
	signed := func(sign, ts string) string { return "&Sign=" + sign + "&RequestTime=" + ts }
	old := strconv.FormatInt(docNow.Add(-2*time.Minute).Unix(), 10)
	tests := []struct {
		name   string
		token  string
		target string
		body   string
		status int
	}{
		{"other app", "", "/call?" + v4Query("1400000001", "Call.CallbackAfterStartCall"), `{}`, http.StatusForbidden},
		{"no app", "", "/call?CallbackCommand=Call.CallbackAfterStartCall", `{}`, http.StatusForbidden},
		{"no command", "", "/call?SdkAppid=1400000000", `{}`, http.StatusBadRequest},
		{"body not JSON", "", "/call?" + v4Query("1400000000", "Call.CallbackAfterStartCall"), `<html>`, http.StatusBadRequest},
		{"live without Sign", docToken, "/live?" + v4Query("1400000000", "Live.CallbackAfterCreateRoom"), `{}`, http.StatusForbidden},
		{"live with wrong Sign", docToken, "/live?" + v4Query("1400000000", "Live.CallbackAfterCreateRoom") + signed(Sign("other", docRequestTime), docRequestTime), `{}`, http.StatusForbidden},
		{"live replayed after 2 min", docToken, "/live?" + v4Query("1400000000", "Live.CallbackAfterCreateRoom") + signed(Sign(docToken, old), old), `{}`, http.StatusForbidden},
		{"wrong Sign on an unsigned path", docToken, "/call?" + v4Query("1400000000", "Call.CallbackAfterStartCall") + signed("00", docRequestTime), `{}`, http.StatusForbidden},
		{"legacy other app", "", "/callkit?sdkappid=1&command=normal_end&contenttype=json", `{}`, http.StatusForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc, logs := newReceiver(tt.token)
			rc.Handle = func(Callback) error { t.Error("handler called for a rejected callback"); return nil }
			rec := post(t, rc, tt.target, tt.body)
			if rec.Code != tt.status {
				t.Fatalf("status = %d, want %d (%s)", rec.Code, tt.status, rec.Body)
			}
			if !strings.Contains(rec.Body.String(), `"ErrorCode":1`) {
				t.Errorf("reply = %s, want a JSON failure", rec.Body)
			}
			if !strings.Contains(logs.String(), "REJECTED") {
				t.Errorf("log lacks REJECTED:\n%s", logs)
			}
		})
	}
}

func TestReceiverAcceptsUnsignedWhereAllowed(t *testing.T) {
	tests := []struct{ name, token, target string }{
		{"no token configured, live", "", "/live?" + v4Query("1400000000", "Live.CallbackAfterCreateRoom")},
		{"token configured, call has no signing", docToken, "/call?" + v4Query("1400000000", "Call.CallbackAfterStartCall")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc, logs := newReceiver(tt.token)
			rec := post(t, rc, tt.target, `{"CallbackCommand":"x"}`)
			if rec.Code != http.StatusOK || rec.Body.String() != okReply {
				t.Fatalf("got %d %s", rec.Code, rec.Body)
			}
			if !strings.Contains(logs.String(), "unsigned") {
				t.Errorf("log:\n%s", logs)
			}
		})
	}
}

func TestReceiverSignedPathEverywhere(t *testing.T) {
	rc, _ := newReceiver(docToken)
	rc.SignedPath = "/"
	rec := post(t, rc, "/call?"+v4Query("1400000000", "Call.CallbackAfterStartCall"), `{}`)
	if rec.Code != http.StatusForbidden {
		t.Fatalf("status = %d, want 403", rec.Code)
	}
}

func TestReceiverLegacyCallKit(t *testing.T) {
	rc, _ := newReceiver("")
	rec := post(t, rc, "/callkit?sdkappid=1400000000&command=normal_end&contenttype=json&clientip=203.0.113.7&optplatform=iOS",
		`{"UserId":"Alice","CallResult":"normal_end"}`)
	if rec.Code != http.StatusOK || rec.Body.String() != `{"ErrorCode":0,"ErrorMessage":"Success"}` {
		t.Fatalf("got %d %s", rec.Code, rec.Body)
	}
}

func TestReceiverMethodAndHandlerError(t *testing.T) {
	rc, _ := newReceiver("")
	rec := httptest.NewRecorder()
	rc.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/call?"+v4Query("1400000000", "Call.CallbackAfterStartCall"), nil))
	if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != http.MethodPost {
		t.Fatalf("GET: got %d, Allow %q", rec.Code, rec.Header().Get("Allow"))
	}
	rc.Handle = func(Callback) error { return errors.New("database down") }
	rec = post(t, rc, "/call?"+v4Query("1400000000", "Call.CallbackAfterStartCall"), `{}`)
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("handler error: got %d", rec.Code)
	}
}
