package client

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"testing"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

func TestVerbs(t *testing.T) {
	ctx := context.Background()
	callCfg := CallbackConfig{URL: "http://www.example.com/callback", Commands: []string{"Call.CallbackAfterStartCall", "Call.CallbackAfterEndCall", "Call.CallbackAfterMemberChanged"}}
	liveCfg := CallbackConfig{URL: "http://www.example.com/callback", Commands: []string{"Live.CallbackAfterCreateRoom", "Live.CallbackAfterDestroyRoom", "Live.CallbackAfterMemberStateChanged"}}
	roomCfg := CallbackConfig{URL: "http://www.example.com/callback", Commands: []string{"Room.CallbackAfterMemberLeave", "Mic.CallbackAfterSeatInfoChanged"}}
	kitCfg := CallbackConfig{URL: "http://www.example.com/callback", Commands: []string{"call_busy", "normal_end", "caller_start_call", "invite_user", "callee_reject_call"}}
	kitUpdate := CallbackConfig{URL: "https://www.example2.com/callback", Commands: []string{"call_busy", "cancel", "normal_end"}}
	wantGet := &CallbackConfig{URL: "http://www.example.com/callback", Commands: []string{"Call.CallbackAfterStartCall", "Call.CallbackAfterEndCall"}}
	wantKitGet := &CallbackConfig{URL: "http://www.example.com/callback", Commands: []string{"call_busy", "normal_end"}}
	enable := true
	token := "xxxxyyyy"
	set := func(p catalog.Product, cfg CallbackConfig) func(*Client) (any, error) {
		return func(c *Client) (any, error) { return nil, c.SetCallback(ctx, p, cfg) }
	}
	get := func(p catalog.Product) func(*Client) (any, error) {
		return func(c *Client) (any, error) { return c.GetCallback(ctx, p) }
	}
	update := func(p catalog.Product, cfg CallbackConfig) func(*Client) (any, error) {
		return func(c *Client) (any, error) { return nil, c.UpdateCallback(ctx, p, cfg) }
	}
	del := func(p catalog.Product) func(*Client) (any, error) {
		return func(c *Client) (any, error) { return nil, c.DeleteCallback(ctx, p) }
	}
	setToken := func(u LiveCallbackTokenUpdate) func(*Client) (any, error) {
		return func(c *Client) (any, error) { return nil, c.SetLiveCallbackToken(ctx, u) }
	}

	tests := []struct {
		name     string
		path     string
		wantBody string
		reply    string
		call     func(c *Client) (any, error)
		want     any
	}{
		{"call set", "/v4/call_config/set_callback", sampleV4SetCall, sampleV4OK, set(catalog.Call, callCfg), nil},
		{"call get", "/v4/call_config/get_callback", `{}`, sampleV4GetCall, get(catalog.Call), wantGet},
		{"call delete", "/v4/call_config/delete_callback", `{}`, sampleV4OK, del(catalog.Call), nil},
		{"live set", "/v4/live_config/set_callback", sampleV4SetLive, sampleV4OK, set(catalog.Live, liveCfg), nil},
		{"live get", "/v4/live_config/get_callback", `{}`, sampleV4GetCall, get(catalog.Live), wantGet},
		{"live update", "/v4/live_config/update_callback", sampleV4SetLive, sampleV4OK, update(catalog.Live, liveCfg), nil},
		{"live delete", "/v4/live_config/delete_callback", `{}`, sampleV4OK, del(catalog.Live), nil},
		{"room set", "/v4/room_config/set_callback", sampleV4SetRoom, sampleV4OK, set(catalog.Room, roomCfg), nil},
		{"room get", "/v4/room_config/get_callback", `{}`, sampleV4GetCall, get(catalog.Room), wantGet},
		{"room update", "/v4/room_config/update_callback", sampleV4SetRoom, sampleV4OK, update(catalog.Room, roomCfg), nil},
		{"room delete", "/v4/room_config/delete_callback", `{}`, sampleV4OK, del(catalog.Room), nil},
		{"callkit set", "/v1/callback/set", sampleV1SetBody, sampleV1Set, set(catalog.CallKit, kitCfg), nil},
		{"callkit get", "/v1/callback/get", `{}`, sampleV1Get, get(catalog.CallKit), wantKitGet},
		{"callkit update", "/v1/callback/update", sampleV1UpdateReq, sampleV1Update, update(catalog.CallKit, kitUpdate), nil},
		{"callkit delete", "/v1/callback/delete", `{}`, sampleV1Delete, del(catalog.CallKit), nil},
		{"live token set", "/v4/live_config/set_callback_token", `{"Token":"xxxxyyyy","IsTokenEnable":true}`, sampleV4OK,
			setToken(LiveCallbackTokenUpdate{Token: &token, Enabled: &enable}), nil},
		{"live token partial update sends only Enabled", "/v4/live_config/set_callback_token", `{"IsTokenEnable":true}`, sampleV4OK,
			setToken(LiveCallbackTokenUpdate{Enabled: &enable}), nil},
		{"live token partial update sends only Token", "/v4/live_config/set_callback_token", `{"Token":"xxxxyyyy"}`, sampleV4OK,
			setToken(LiveCallbackTokenUpdate{Token: &token}), nil},
		{"live token get", "/v4/live_config/get_callback_token", `{}`, sampleV4GetToken,
			func(c *Client) (any, error) { return c.GetLiveCallbackToken(ctx) },
			&LiveCallbackToken{Token: "xxxxyyyy", Enabled: true}},
		{"live token delete", "/v4/live_config/delete_callback_token", `{}`, sampleV4OK,
			func(c *Client) (any, error) { return nil, c.DeleteLiveCallbackToken(ctx) }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newFake(t, answer(tt.reply))
			c := newTestClient(t, srv.URL)
			got, err := tt.call(c)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if tt.want != nil && !reflect.DeepEqual(got, tt.want) {
				t.Errorf("result = %+v, want %+v", got, tt.want)
			}
			reqs := srv.requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			if reqs[0].Path != tt.path {
				t.Errorf("path = %s, want %s", reqs[0].Path, tt.path)
			}
			if reqs[0].Body != tt.wantBody {
				t.Errorf("body = %s\nwant   %s", reqs[0].Body, tt.wantBody)
			}
			if id := reqs[0].Query.Get("identifier"); id != "administrator" {
				t.Errorf("identifier = %q, want the default administrator", id)
			}
		})
	}
}

func TestClientBehaviour(t *testing.T) {
	ctx := context.Background()

	t.Run("UpdateCallback on call is refused without a request", func(t *testing.T) {
		srv := newFake(t, answer(sampleV4OK))
		c := newTestClient(t, srv.URL)
		err := c.UpdateCallback(ctx, catalog.Call, CallbackConfig{URL: "https://x.example", Commands: []string{"Call.CallbackAfterStartCall"}})
		if !errors.Is(err, ErrUnsupportedVerb) {
			t.Fatalf("error = %v, want ErrUnsupportedVerb", err)
		}
		if len(srv.requests()) != 0 {
			t.Error("a request was sent")
		}
	})

	t.Run("unknown product is refused", func(t *testing.T) {
		c := newTestClient(t, "http://127.0.0.1:1")
		if _, err := c.GetCallback(ctx, catalog.Product("chat")); err == nil {
			t.Fatal("no error")
		}
	})

	t.Run("custom identifier and user agent are sent", func(t *testing.T) {
		srv := newFake(t, func(w http.ResponseWriter, r *http.Request, _ int, _ string) {
			if ua := r.Header.Get("User-Agent"); ua != "terraform-provider-tencentrtc/1.2.3" {
				t.Errorf("User-Agent = %q", ua)
			}
			write(w, sampleV4OK)
		})
		c := newTestClient(t, srv.URL, func(o *Options) {
			o.Identifier = "admin"
			o.UserAgent = "terraform-provider-tencentrtc/1.2.3"
		})
		if err := c.DeleteCallback(ctx, catalog.Call); err != nil {
			t.Fatal(err)
		}
		if got := srv.requests()[0].Query.Get("identifier"); got != "admin" {
			t.Errorf("identifier = %q", got)
		}
	})

	t.Run("nil command list is sent as an empty array", func(t *testing.T) {
		srv := newFake(t, answer(sampleV4OK))
		c := newTestClient(t, srv.URL)
		if err := c.SetCallback(ctx, catalog.Call, CallbackConfig{URL: "https://x.example"}); err != nil {
			t.Fatal(err)
		}
		if got := srv.requests()[0].Body; got != `{"Url":"https://x.example","CallbackCommandList":[]}` {
			t.Errorf("body = %s", got)
		}
	})

	t.Run("empty token update is refused", func(t *testing.T) {
		c := newTestClient(t, "http://127.0.0.1:1")
		if err := c.SetLiveCallbackToken(ctx, LiveCallbackTokenUpdate{}); err == nil {
			t.Fatal("no error")
		}
	})

	t.Run("get answer without Response is malformed", func(t *testing.T) {
		srv := newFake(t, answer(sampleV4OK))
		c := newTestClient(t, srv.URL, func(o *Options) { o.MaxRetries = new(1) })
		_, err := c.GetCallback(ctx, catalog.Live)
		if !errors.Is(err, ErrMalformedResponse) || !IsRetryable(err) {
			t.Fatalf("error = %v, want a retryable malformed response", err)
		}
		if n := len(srv.requests()); n != 2 {
			t.Errorf("%d requests, want 2 (one retry)", n)
		}
	})

	t.Run("redirects are not followed", func(t *testing.T) {
		other := newFake(t, answer(sampleV4OK))
		srv := newFake(t, func(w http.ResponseWriter, r *http.Request, _ int, _ string) {
			http.Redirect(w, r, other.URL+r.URL.RequestURI(), http.StatusTemporaryRedirect)
		})
		c := newTestClient(t, srv.URL)
		err := c.DeleteCallback(ctx, catalog.Call)
		if e := asAPI(t, err); e.HTTPStatus != http.StatusTemporaryRedirect {
			t.Errorf("HTTPStatus = %d", e.HTTPStatus)
		}
		if len(other.requests()) != 0 {
			t.Error("the redirect was followed, sending the UserSig elsewhere")
		}
	})

	t.Run("New validates options", func(t *testing.T) {
		for name, o := range map[string]Options{
			"no app":      {SecretKey: testKey},
			"no key":      {SDKAppID: testApp},
			"short TTL":   {SDKAppID: testApp, SecretKey: testKey, UserSigTTL: 1},
			"bad base":    {SDKAppID: testApp, SecretKey: testKey, Endpoints: Endpoints{V4: "console.tim.qq.com", V1: "x"}},
			"negative v4": {SDKAppID: testApp, SecretKey: testKey, V4RateLimit: -1},
		} {
			if _, err := New(o); err == nil {
				t.Errorf("%s: no error", name)
			}
		}
		c, err := New(Options{SDKAppID: testApp, SecretKey: testKey})
		if err != nil {
			t.Fatal(err)
		}
		if c.Endpoints().V4 != "https://console.tim.qq.com" || c.Identifier() != "administrator" || c.SDKAppID() != testApp {
			t.Errorf("defaults: %+v %q", c.Endpoints(), c.Identifier())
		}
	})
}
