package client

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

const (
	emuApp = 1400000001
	emuKey = "emulator-test-secret-key-0123456789abcdef"
)

func startEmulator(t *testing.T, opts emulator.Options) *emulator.Server {
	t.Helper()
	if opts.Apps == nil {
		opts.Apps = []emulator.App{{SDKAppID: emuApp, SecretKey: emuKey}}
	}
	srv, err := emulator.NewServer(opts)
	if err != nil {
		t.Fatalf("emulator: %v", err)
	}
	t.Cleanup(srv.Close)
	return srv
}

func emuClient(t *testing.T, srv *emulator.Server, mod ...func(*Options)) *Client {
	t.Helper()
	ep, err := ResolveEndpoints("", srv.URL, false)
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{
		SDKAppID:     emuApp,
		SecretKey:    emuKey,
		Endpoints:    ep,
		HTTPClient:   NewHTTPClient(),
		RetryWaitMin: time.Millisecond,
		RetryWaitMax: 10 * time.Millisecond,
	}
	return buildClient(t, opts, mod...)
}

var emuConfigs = map[catalog.Product][2]CallbackConfig{
	catalog.Call: {
		{URL: "https://hooks.example.com/call", Commands: []string{"Call.CallbackAfterStartCall", "Call.CallbackAfterEndCall"}},
		{URL: "https://hooks.example.com/call2", Commands: []string{"Call.CallbackAfterMemberChanged"}},
	},
	catalog.Live: {
		{URL: "https://hooks.example.com/live", Commands: []string{"Live.CallbackAfterCreateRoom", "Live.CallbackAfterDestroyRoom"}},
		{URL: "https://hooks.example.com/live2", Commands: []string{"Live.CallbackAfterMemberStateChanged"}},
	},
	catalog.Room: {
		{URL: "https://hooks.example.com/room", Commands: []string{"Room.CallbackAfterMemberLeave", "Mic.CallbackAfterSeatInfoChanged"}},
		{URL: "https://hooks.example.com/room2", Commands: []string{"Room.CallbackAfterCreateRoom"}},
	},
	catalog.CallKit: {
		{URL: "https://hooks.example.com/kit", Commands: []string{"call_busy", "normal_end"}},
		{URL: "https://hooks.example.com/kit2", Commands: []string{"call_busy", "cancel", "normal_end"}},
	},
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func checkStored(t *testing.T, srv *emulator.Server, p catalog.Product, want CallbackConfig) {
	t.Helper()
	got, ok := srv.Config(emuApp, p)
	if !ok {
		t.Fatalf("%s: the emulator has no configuration", p)
	}
	if got.URL != want.URL || !sameSet(got.Commands, want.Commands) {
		t.Fatalf("%s: emulator holds %+v, want %+v", p, got, want)
	}
}

func TestEmulatorVerbs(t *testing.T) {
	ctx := context.Background()
	for _, p := range catalog.Products {
		t.Run(string(p), func(t *testing.T) {
			srv := startEmulator(t, emulator.Options{})
			c := emuClient(t, srv)
			first, second := emuConfigs[p][0], emuConfigs[p][1]
			info := catalog.Describe(p)

			if _, err := c.GetCallback(ctx, p); !IsNotFound(err) {
				t.Fatalf("get before create: %v, want not found", err)
			}
			if err := c.SetCallback(ctx, p, first); err != nil {
				t.Fatalf("set: %v", err)
			}
			checkStored(t, srv, p, first)
			got, err := c.GetCallback(ctx, p)
			if err != nil || got.URL != first.URL || !sameSet(got.Commands, first.Commands) {
				t.Fatalf("get = %+v, %v", got, err)
			}

			err = c.SetCallback(ctx, p, second)
			if info.SetOverwrites {
				if err != nil {
					t.Fatalf("second set on an upsert product: %v", err)
				}
				checkStored(t, srv, p, second)
			} else {
				if !IsAlreadyExists(err) {
					t.Fatalf("second set: %v, want 100300", err)
				}
				checkStored(t, srv, p, first)
			}

			if info.HasUpdate {
				if err := c.UpdateCallback(ctx, p, second); err != nil {
					t.Fatalf("update: %v", err)
				}
				checkStored(t, srv, p, second)
			} else if err := c.UpdateCallback(ctx, p, second); err == nil {
				t.Fatal("update on call succeeded")
			}

			if err := c.DeleteCallback(ctx, p); err != nil {
				t.Fatalf("delete: %v", err)
			}
			if _, ok := srv.Config(emuApp, p); ok {
				t.Fatal("the configuration survived delete")
			}
			if _, err := c.GetCallback(ctx, p); !IsNotFound(err) {
				t.Fatalf("get after delete: %v, want not found", err)
			}
			if err := c.DeleteCallback(ctx, p); err != nil && !IsNotFound(err) {
				t.Fatalf("delete of a missing configuration: %v", err)
			}
			if info.HasUpdate {
				if err := c.UpdateCallback(ctx, p, first); !IsNotFound(err) {
					t.Fatalf("update of a missing configuration: %v, want not found (100301 / 999)", err)
				}
			}
		})
	}

	t.Run("configuration changed out of band is read back", func(t *testing.T) {
		srv := startEmulator(t, emulator.Options{})
		c := emuClient(t, srv)
		want := emulator.CallbackConfig{URL: "https://drift.example.com", Commands: []string{"Live.CallbackAfterCreateRoom"}}
		if err := srv.PutConfig(emuApp, catalog.Live, want); err != nil {
			t.Fatal(err)
		}
		got, err := c.GetCallback(ctx, catalog.Live)
		if err != nil || got.URL != want.URL || !reflect.DeepEqual(got.Commands, want.Commands) {
			t.Fatalf("get = %+v, %v", got, err)
		}
	})

	t.Run("live token", func(t *testing.T) {
		srv := startEmulator(t, emulator.Options{})
		c := emuClient(t, srv)
		if _, err := c.GetLiveCallbackToken(ctx); !IsNotFound(err) {
			t.Fatalf("get before set: %v, want 100302", err)
		}
		tok, on, off := "token-abc-123", true, false
		if err := c.SetLiveCallbackToken(ctx, LiveCallbackTokenUpdate{Token: &tok, Enabled: &on}); err != nil {
			t.Fatal(err)
		}
		if got, ok := srv.LiveToken(emuApp); !ok || got != (emulator.LiveToken{Token: tok, Enabled: true}) {
			t.Fatalf("emulator token = %+v", got)
		}
		if err := c.SetLiveCallbackToken(ctx, LiveCallbackTokenUpdate{Enabled: &off}); err != nil {
			t.Fatalf("partial update: %v", err)
		}
		got, err := c.GetLiveCallbackToken(ctx)
		if err != nil || *got != (LiveCallbackToken{Token: tok, Enabled: false}) {
			t.Fatalf("get = %+v, %v", got, err)
		}
		if err := c.DeleteLiveCallbackToken(ctx); err != nil {
			t.Fatal(err)
		}
		if _, ok := srv.LiveToken(emuApp); ok {
			t.Fatal("token survived delete")
		}
		if _, err := c.GetLiveCallbackToken(ctx); !IsNotFound(err) {
			t.Fatalf("get after delete: %v", err)
		}
	})

	t.Run("wrong credentials are auth errors without secrets", func(t *testing.T) {
		srv := startEmulator(t, emulator.Options{})
		for name, mod := range map[string]func(*Options){
			"wrong key":        func(o *Options) { o.SecretKey = "not-the-key-0000000000" },
			"wrong identifier": func(o *Options) { o.Identifier = "someone" },
		} {
			for _, p := range []catalog.Product{catalog.Live, catalog.CallKit} {
				c := emuClient(t, srv, mod)
				_, err := c.GetCallback(ctx, p)
				if !IsAuth(err) || IsRetryable(err) {
					t.Errorf("%s, %s: %v, want an auth error", name, p, err)
					continue
				}
				if strings.Contains(err.Error(), "not-the-key") || strings.Contains(err.Error(), emuKey) || strings.Contains(err.Error(), "usersig=") {
					t.Errorf("%s, %s: secret in %q", name, p, err)
				}
			}
		}
	})
}

func TestEmulatorFaults(t *testing.T) {
	ctx := context.Background()
	live := emuConfigs[catalog.Live][0]

	t.Run("100001 twice then success", func(t *testing.T) {
		srv := startEmulator(t, emulator.Options{})
		c := emuClient(t, srv)
		srv.InjectFault(emulator.Fault{Kind: emulator.FaultErrorCode, Code: 100001, Count: 2})
		if err := c.SetCallback(ctx, catalog.Call, emuConfigs[catalog.Call][0]); err != nil {
			t.Fatal(err)
		}
		checkStored(t, srv, catalog.Call, emuConfigs[catalog.Call][0])
		st := srv.Stats()
		if st.Requests["/v4/call_config/set_callback"] != 3 || st.Faults != 2 {
			t.Errorf("stats = %+v, want 3 requests of which 2 faults", st)
		}
	})

	// The client maps verbs to HTTP: a retried live or room create whose
	// first attempt was applied answers 100300 to the caller (the provider
	// then reads and adopts an identical configuration).
	t.Run("lost answer of a live create: the retry's 100300 reaches the caller", func(t *testing.T) {
		srv := startEmulator(t, emulator.Options{})
		c := emuClient(t, srv)
		srv.InjectFault(emulator.Fault{Kind: emulator.FaultDropAfterApply, PathPrefix: "/v4/live_config/set_callback"})
		if err := c.SetCallback(ctx, catalog.Live, live); !IsAlreadyExists(err) {
			t.Fatalf("set after a lost answer: %v, want 100300", err)
		}
		checkStored(t, srv, catalog.Live, live)
		st := srv.Stats()
		if st.Requests["/v4/live_config/set_callback"] != 2 || st.Requests["/v4/live_config/get_callback"] != 0 {
			t.Errorf("stats = %+v, want set twice and no get", st.Requests)
		}
	})

	t.Run("truncated answer of a room create: the retry's 100300 reaches the caller", func(t *testing.T) {
		srv := startEmulator(t, emulator.Options{})
		c := emuClient(t, srv)
		room := emuConfigs[catalog.Room][0]
		srv.InjectFault(emulator.Fault{Kind: emulator.FaultTruncate, PathPrefix: "/v4/room_config/set_callback"})
		if err := c.SetCallback(ctx, catalog.Room, room); !IsAlreadyExists(err) {
			t.Fatalf("set after a truncated answer: %v, want 100300", err)
		}
		checkStored(t, srv, catalog.Room, room)
	})

	t.Run("lost answer but someone else's config: 100300", func(t *testing.T) {
		srv := startEmulator(t, emulator.Options{})
		c := emuClient(t, srv)
		// The first attempt is dropped before it is applied; meanwhile another
		// writer creates a different configuration.
		srv.InjectFault(emulator.Fault{Kind: emulator.FaultDrop, PathPrefix: "/v4/live_config/set_callback"})
		other := emulator.CallbackConfig{URL: "https://other.example.com", Commands: []string{"Live.CallbackAfterCreateRoom"}}
		if err := srv.PutConfig(emuApp, catalog.Live, other); err != nil {
			t.Fatal(err)
		}
		if err := c.SetCallback(ctx, catalog.Live, live); !IsAlreadyExists(err) {
			t.Fatalf("error = %v, want 100300", err)
		}
	})

	for _, f := range []emulator.Fault{
		{Kind: emulator.FaultHTTPStatus, Status: 502},
		{Kind: emulator.FaultNonJSON},
		{Kind: emulator.FaultDrop},
		{Kind: emulator.FaultThrottle},
		{Kind: emulator.FaultDelay, Delay: 300 * time.Millisecond},
	} {
		for _, p := range []catalog.Product{catalog.Room, catalog.CallKit} {
			t.Run(string(f.Kind)+" "+string(p), func(t *testing.T) {
				srv := startEmulator(t, emulator.Options{})
				c := emuClient(t, srv, func(o *Options) { o.RequestTimeout = 100 * time.Millisecond })
				srv.InjectFault(f)
				if err := c.SetCallback(ctx, p, emuConfigs[p][0]); err != nil {
					t.Fatalf("set: %v", err)
				}
				checkStored(t, srv, p, emuConfigs[p][0])
			})
		}
	}

	t.Run("more faults than retries: the code and request ID reach the caller", func(t *testing.T) {
		srv := startEmulator(t, emulator.Options{})
		c := emuClient(t, srv, func(o *Options) { o.MaxRetries = new(2) })
		srv.InjectFault(emulator.Fault{Kind: emulator.FaultErrorCode, Code: 100001, Count: 5})
		err := c.DeleteCallback(ctx, catalog.Live)
		var e *APIError
		if !errors.As(err, &e) || e.Code != 100001 || e.RequestID == "" || e.Attempts != 3 || !IsRetryable(err) {
			t.Fatalf("error = %v", err)
		}
	})
}
