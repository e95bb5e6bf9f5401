package delivery

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// The worked example of API.md §Callback delivery.
const (
	docToken       = "xxxxyyyy"
	docRequestTime = 1669872112
	docSign        = "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061"
)

func TestSignWorkedExample(t *testing.T) {
	if got := Sign(docToken, "1669872112"); got != docSign {
		t.Fatalf("Sign = %s, want %s", got, docSign)
	}
}

func TestQuery(t *testing.T) {
	at := time.Unix(docRequestTime, 0)
	for _, tt := range []struct {
		name string
		cb   Callback
		want string
	}{
		{"v4 defaults", Callback{SDKAppID: 1400000001, Command: "Call.CallbackAfterStartCall", Time: at},
			"SdkAppid=1400000001&CallbackCommand=Call.CallbackAfterStartCall&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI"},
		{"v4 signed", Callback{SDKAppID: 1400000001, Command: "Live.CallbackAfterCreateRoom", ClientIP: "203.0.113.7", OptPlatform: "Android", Token: docToken, Time: at},
			"SdkAppid=1400000001&CallbackCommand=Live.CallbackAfterCreateRoom&contenttype=json&ClientIP=203.0.113.7&OptPlatform=Android&Sign=" + docSign + "&RequestTime=1669872112"},
		{"v1 lowercase, never signed", Callback{SDKAppID: 1400000001, Command: "normal_end", V1: true, Token: docToken, Time: at},
			"sdkappid=1400000001&command=normal_end&contenttype=json&clientip=127.0.0.1&optplatform=Web"},
		{"escaped", Callback{SDKAppID: 7, Command: "a b&c", ClientIP: "::1", OptPlatform: "i/OS", Time: at},
			"SdkAppid=7&CallbackCommand=a+b%26c&contenttype=json&ClientIP=%3A%3A1&OptPlatform=i%2FOS"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.Join(tt.cb.Query(), "&"); got != tt.want {
				t.Errorf("query\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestURL(t *testing.T) {
	cb := Callback{SDKAppID: 1, Command: "c"}
	q := strings.Join(cb.Query(), "&")
	for base, want := range map[string]string{
		"https://x/cb":      "https://x/cb?" + q,
		"https://x/cb?k=v":  "https://x/cb?k=v&" + q,
		"https://x/cb?":     "https://x/cb?" + q,
		"https://x/cb#frag": "https://x/cb?" + q,
		"https://x/cb?k=v&": "https://x/cb?k=v&" + q,
		"http://x:8080/":    "http://x:8080/?" + q,
	} {
		if got := cb.URL(base); got != want {
			t.Errorf("URL(%q) = %q, want %q", base, got, want)
		}
		if _, err := url.Parse(want); err != nil {
			t.Error(err)
		}
	}
}

// TestPayload checks the documented keys of each sample (API.md §Sample
// payloads), the command and the times.
func TestPayload(t *testing.T) {
	at := time.Unix(docRequestTime, 0)
	ms := float64(at.UnixMilli())
	for _, tt := range []struct {
		command string
		v1      bool
		keys    []string
	}{
		{"Call.CallbackAfterStartCall", false, []string{"CallInfo", "UserList"}},
		{"Call.CallbackAfterEndCall", false, []string{"CallRecord"}},
		{"Call.CallbackAfterMemberChanged", false, []string{"CallId", "UserList", "ChangedUserList"}},
		{"Live.CallbackAfterCreateRoom", false, []string{"Operator_Account", "RoomInfo"}},
		{"Room.CallbackAfterCreateRoom", false, []string{"Operator_Account", "RoomInfo"}},
		{"Live.CallbackAfterMemberStateChanged", false, []string{"RoomId", "EventType", "EventCause", "MemberList"}},
		{"Room.CallbackAfterMemberLeave", false, []string{"RoomId", "MemberCount", "Type", "MemberList_Account", "Reason"}},
		{"Mic.CallbackAfterSeatInfoChanged", false, []string{"RoomId", "SeatList"}},
		{"normal_end", true, []string{"UserId", "RoomId", "TotalNum", "MediaType", "CallType", "CallId", "Role", "CallResult", "EventTime", "StartCallTs", "AcceptTs", "EndTs"}},
		{"caller_start_call", true, []string{"UserId", "RoomId", "TotalNum", "MediaType", "CallType", "CallId", "Role", "EventTime"}},
	} {
		t.Run(tt.command, func(t *testing.T) {
			raw := Callback{Command: tt.command, V1: tt.v1, Time: at}.Payload()
			var body map[string]any
			if err := json.Unmarshal(raw, &body); err != nil {
				t.Fatalf("%s: %v", raw, err)
			}
			for _, k := range tt.keys {
				if _, ok := body[k]; !ok {
					t.Errorf("no %s in %s", k, raw)
				}
			}
			if tt.v1 {
				if len(body) != len(tt.keys) || body["EventTime"] != float64(docRequestTime) {
					t.Errorf("v1 body %s: want exactly %v, EventTime in seconds", raw, tt.keys)
				}
				return
			}
			if body["CallbackCommand"] != tt.command || body["EventTime"] != ms {
				t.Errorf("body %s: want CallbackCommand %s and EventTime %v ms", raw, tt.command, ms)
			}
		})
	}
	if got := (Callback{Command: "x", Body: []byte(`{"a":1}`)}).Payload(); string(got) != `{"a":1}` {
		t.Errorf("Body is not sent as given: %s", got)
	}
}

func TestPost(t *testing.T) {
	var got *http.Request
	var gotBody []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, gotBody = r, must(io.ReadAll(r.Body))
		switch r.URL.Path {
		case "/redirect":
			http.Redirect(w, r, "/ok", http.StatusFound)
		case "/slow":
			time.Sleep(300 * time.Millisecond)
		case "/big":
			_, _ = w.Write([]byte(strings.Repeat("x", MaxReply+10)))
		default:
			_, _ = io.WriteString(w, `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}`)
		}
	}))
	t.Cleanup(srv.Close)
	ctx := context.Background()
	c := NewClient()
	if c.Timeout != Timeout || Timeout != 2*time.Second {
		t.Errorf("timeout %v, want the documented 2 s", c.Timeout)
	}

	a, err := Post(ctx, c, "ua/1", srv.URL+"/ok?x=1", []byte(`{"k":1}`))
	if err != nil || a.Status != 200 || a.Problem(false, true) != "" || a.Latency <= 0 {
		t.Fatalf("%+v %v", a, err)
	}
	if got.Method != http.MethodPost || got.URL.RawQuery != "x=1" || got.Header.Get("Content-Type") != "application/json" ||
		got.Header.Get("User-Agent") != "ua/1" || string(gotBody) != `{"k":1}` {
		t.Errorf("request %s %s %v %s", got.Method, got.URL, got.Header, gotBody)
	}

	if a, err := Post(ctx, c, "ua", srv.URL+"/redirect", nil); err != nil || a.Status != http.StatusFound || got.URL.Path != "/redirect" {
		t.Errorf("redirect followed: %+v %v, last path %s", a, err, got.URL.Path)
	}
	if a, _ := Post(ctx, c, "ua", srv.URL+"/big", nil); len(a.Reply) != MaxReply {
		t.Errorf("reply of %d bytes, want it cut at %d", len(a.Reply), MaxReply)
	}
	short := &http.Client{Timeout: 50 * time.Millisecond, CheckRedirect: c.CheckRedirect}
	var ne interface{ Timeout() bool }
	if _, err := Post(ctx, short, "ua", srv.URL+"/slow", nil); !errors.As(err, &ne) || !ne.Timeout() {
		t.Errorf("slow receiver: %v, want a timeout", err)
	}
	if a, err := Post(ctx, c, "ua", "http://127.0.0.1:1/", nil); err == nil || a.Latency <= 0 {
		t.Errorf("refused connection: %+v %v", a, err)
	}
}

func TestProblem(t *testing.T) {
	for _, tt := range []struct {
		status       int
		reply        string
		v4, v4Strict string // "" = accepted
		v1           string
	}{
		{200, `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}`, "", "", ""},
		{200, `{"ErrorCode":0,"ErrorMessage":"Success"}`, "", `ActionStatus "", ErrorCode 0`, ""},
		{200, `{"ActionStatus":"OK"}`, "", `not {"ActionStatus":...,"ErrorCode":...}`, `not {"ErrorCode":0`},
		{200, `{"ActionStatus":"FAIL","ErrorInfo":"no","ErrorCode":1}`, "", `ActionStatus "FAIL", ErrorCode 1`, "ErrorCode 1"},
		{200, `{"ActionStatus":"OK","ErrorCode":3}`, "", `ActionStatus "OK", ErrorCode 3`, "ErrorCode 3"},
		{200, `ok`, "not JSON", "not JSON", `not {"ErrorCode":0`},
		{500, `{"ActionStatus":"OK","ErrorCode":0}`, "HTTP 500", "HTTP 500", "HTTP 500"},
		{302, ``, "HTTP 302", "HTTP 302", "HTTP 302"},
	} {
		a := Answer{Status: tt.status, Reply: tt.reply}
		for _, c := range []struct {
			v1, strict bool
			want       string
		}{{false, false, tt.v4}, {false, true, tt.v4Strict}, {true, false, tt.v1}, {true, true, tt.v1}} {
			got := a.Problem(c.v1, c.strict)
			if (got == "") != (c.want == "") || !strings.Contains(got, c.want) {
				t.Errorf("%d %s v1=%v strict=%v: %q, want %q", tt.status, tt.reply, c.v1, c.strict, got, c.want)
			}
		}
	}
	if !strings.Contains(Expected(false), `"ActionStatus":"OK"`) || !strings.Contains(Expected(true), `"ErrorCode":0`) {
		t.Error(Expected(false), Expected(true))
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
