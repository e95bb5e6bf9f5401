package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

// TestCreateNeverReplaces: a create that finds a configuration someone else
// made fails before any write and leaves it byte-identical, on every product
// (call and callkit, whose set verb would silently overwrite, included); an
// identical one (same URL, same set of words in another order) is adopted
// without a write, with an empty plan after.
func TestCreateNeverReplaces(t *testing.T) {
	t.Parallel()
	const mine = "https://mine.example.com/cb"
	for _, p := range catalog.Products {
		words := testfixtures.SampleWords(p)
		for _, tt := range []struct {
			name   string
			theirs emulator.CallbackConfig
		}{
			{"other url", emulator.CallbackConfig{URL: "https://theirs.example.com/cb?team=a", Commands: words}},
			{"other words", emulator.CallbackConfig{URL: mine, Commands: words[:1]}},
		} {
			t.Run(string(p)+" "+tt.name, func(t *testing.T) {
				t.Parallel()
				testCreateMeetsDifferent(t, p, tt.theirs)
			})
		}
		t.Run(string(p)+" identical", func(t *testing.T) {
			t.Parallel()
			srv := startEmulator(t)
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					PreConfig: func() {
						putEmulatorConfig(t, srv, testAppID, p, mine, words[1], words[0], words[1])
						srv.ResetStats()
					},
					Config:            testfixtures.ProviderConfig(srv.URL) + testfixtures.CallbackConfigResource("test", testAppID, p, mine),
					ConfigStateChecks: expectState(callbackConfigAddr, values{"id": knownvalue.StringExact(fmt.Sprintf("%d/%s", testAppID, p))}),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(callbackConfigAddr, plancheck.ResourceActionCreate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					Check: resource.ComposeAggregateTestCheckFunc(
						checkNoWrites(srv),
						checkEmulatorServed(srv, strings.Replace(createPaths[p], "set", "get", 1)),
					),
				}},
			})
		})
	}
}

func testCreateMeetsDifferent(t *testing.T, p catalog.Product, theirs emulator.CallbackConfig) {
	srv := startEmulator(t)
	before, _ := json.Marshal(theirs)
	id := fmt.Sprintf("%d/%s", testAppID, p)
	wantErr := testfixtures.Texts(
		"Callback Configuration Already Exists",
		fmt.Sprintf("SDKAppID %d already has a %s callback configuration that differs from this one", testAppID, p),
		"Terraform did not create or change anything",
		"sends "+strings.Join(wordSet(theirs.Commands), ", ")+" to "+theirs.URL,
		"terraform import tencentrtc_callback_config.<name> "+id,
		`import { to = tencentrtc_callback_config.<name> id = "`+id+`" }`,
		"Replace tencentrtc_callback_config.<name> with this resource's address as the plan shows it",
	)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					if err := srv.PutConfig(testAppID, p, theirs); err != nil {
						t.Fatal(err)
					}
					srv.ResetStats()
				},
				Config:      testfixtures.ProviderConfig(srv.URL) + testfixtures.CallbackConfigResource("test", testAppID, p, "https://mine.example.com/cb"),
				ExpectError: wantErr,
			},
			{
				// Nothing was written; the configuration is as it was.
				Config: testfixtures.ProviderConfig(srv.URL),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkNoWrites(srv),
					checkConfigBytes(srv, testAppID, p, before),
				),
			},
		},
	})
}

// TestCreateNeverReplacesLiveToken: the same rule for the Live callback
// token: a different token, or the same token with another enabled flag,
// stays as it was and no write is made; the same token and flag are adopted.
func TestCreateNeverReplacesLiveToken(t *testing.T) {
	t.Parallel()
	const mine = "my-signing-token-0123"
	for _, tt := range []struct {
		name   string
		theirs emulator.LiveToken
		adopt  bool
	}{
		{"other token", emulator.LiveToken{Token: "their-signing-token-9876", Enabled: true}, false},
		{"other enabled", emulator.LiveToken{Token: mine, Enabled: false}, false},
		{"identical", emulator.LiveToken{Token: mine, Enabled: true}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := startEmulator(t)
			put := func() {
				srv.PutLiveToken(testAppID, tt.theirs)
				srv.ResetStats()
			}
			unchanged := resource.ComposeAggregateTestCheckFunc(
				checkNoWrites(srv),
				checkLiveToken(srv, testAppID, tt.theirs),
			)
			steps := []resource.TestStep{{
				PreConfig: put,
				Config:    testfixtures.ProviderConfig(srv.URL) + liveTokenConfig(mine, ""),
				Check:     unchanged,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			}}
			if !tt.adopt {
				steps[0] = resource.TestStep{
					PreConfig: put,
					Config:    testfixtures.ProviderConfig(srv.URL) + liveTokenConfig(mine, ""),
					ExpectError: testfixtures.Texts(
						"Live Callback Token Already Exists",
						fmt.Sprintf("SDKAppID %d already has a Live callback token, and it differs from this one", testAppID),
						fmt.Sprintf("terraform import tencentrtc_live_callback_token.<name> %d/live_token", testAppID),
					),
				}
				steps = append(steps, resource.TestStep{Config: testfixtures.ProviderConfig(srv.URL), Check: unchanged})
			}
			resource.UnitTest(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
		})
	}
}

// TestCreateCallbackAfter100300 covers the create rule's second read: the
// read found nothing, then the set answered 100300 because a configuration
// appeared in between. Our own first attempt whose answer was lost is
// adopted; someone else's is refused and left as it is.
func TestCreateCallbackAfter100300(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, p := range []catalog.Product{catalog.Live, catalog.Room} {
		want := client.CallbackConfig{URL: "https://mine.example.com/cb", Commands: testfixtures.SampleWords(p)}
		theirs := emulator.CallbackConfig{URL: "https://theirs.example.com/cb", Commands: testfixtures.SampleWords(p)[:1]}
		for _, tt := range []struct {
			name string
			// first runs instead of the first set request.
			first       func(e *emulator.Emulator, w http.ResponseWriter, r *http.Request)
			wantOutcome createOutcome
			wantStored  emulator.CallbackConfig
		}{
			{"our lost answer", func(e *emulator.Emulator, w http.ResponseWriter, r *http.Request) {
				e.ServeHTTP(httptest.NewRecorder(), r) // applied, answer lost
				hangUpConn(t, w)
			}, outcomeAdopted, emulator.CallbackConfig{URL: want.URL, Commands: want.Commands}},
			{"someone else's", func(e *emulator.Emulator, w http.ResponseWriter, _ *http.Request) {
				if err := e.PutConfig(testAppID, p, theirs); err != nil {
					t.Error(err)
				}
				hangUpConn(t, w)
			}, outcomeConflict, theirs},
		} {
			t.Run(string(p)+" "+tt.name, func(t *testing.T) {
				t.Parallel()
				e, err := emulator.New(emulator.Options{Apps: []emulator.App{{SDKAppID: testAppID, SecretKey: testAppSecret}}})
				if err != nil {
					t.Fatal(err)
				}
				var sets atomic.Int32
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if r.URL.Path == createPaths[p] && sets.Add(1) == 1 {
						tt.first(e, w, r)
						return
					}
					e.ServeHTTP(w, r)
				}))
				t.Cleanup(srv.Close)
				c := testClient(t, srv.URL)
				outcome, _, err := createCallback(ctx, c, p, want)
				if outcome != tt.wantOutcome {
					t.Fatalf("outcome = %d, want %d (err %v)", outcome, tt.wantOutcome, err)
				}
				if tt.wantOutcome == outcomeConflict && !client.IsAlreadyExists(err) {
					t.Errorf("err = %v, want the 100300 answer", err)
				}
				if tt.wantOutcome == outcomeAdopted && err != nil {
					t.Errorf("err = %v", err)
				}
				got, _ := e.Config(testAppID, p)
				gb, _ := json.Marshal(got)
				wb, _ := json.Marshal(tt.wantStored)
				if string(gb) != string(wb) {
					t.Errorf("stored %s, want %s", gb, wb)
				}
				if n := sets.Load(); n != 2 {
					t.Errorf("%d set requests, want 2 (the client's retry)", n)
				}
			})
		}
	}
}

// hangUpConn closes the connection without an answer.
func hangUpConn(t *testing.T, w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		t.Error(err)
		return
	}
	_ = conn.Close()
}

// testClient is a client of the test app on endpoint, with quick retries.
func testClient(t *testing.T, endpoint string) *client.Client {
	t.Helper()
	ep, err := client.ResolveEndpoints("", endpoint, false)
	if err != nil {
		t.Fatal(err)
	}
	c, err := client.New(client.Options{SDKAppID: testAppID, SecretKey: testAppSecret, Endpoints: ep, RetryWaitMin: 1, RetryWaitMax: 1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSameConfig(t *testing.T) {
	t.Parallel()
	a := client.CallbackConfig{URL: "https://a", Commands: []string{"x", "y"}}
	if !sameConfig(a, client.CallbackConfig{URL: "https://a", Commands: []string{"y", "x", "x"}}) {
		t.Error("same set reported different")
	}
	if sameConfig(a, client.CallbackConfig{URL: "https://b", Commands: []string{"x", "y"}}) {
		t.Error("different URL reported same")
	}
	if sameConfig(a, client.CallbackConfig{URL: "https://a", Commands: []string{"x"}}) {
		t.Error("different set reported same")
	}
}

// TestAlreadyExistsText: the conflict reads as Terraform advice; of the
// API's 100300 answer it keeps the code and request ID, not the API's own
// advice (which names API verbs).
func TestAlreadyExistsText(t *testing.T) {
	t.Parallel()
	var diags diag.Diagnostics
	apiErr := &client.APIError{Family: client.FamilyV4, Path: "v4/live_config/set_callback", Code: 100300, Message: "a callback configuration already exists; use update_callback", RequestID: "Id-7"}
	existing := &client.CallbackConfig{URL: "https://theirs.example.com/cb", Commands: []string{"Live.B", "Live.A"}}
	addAlreadyExistsError(&diags, testAppID, catalog.Live, existing, apiErr)
	if len(diags) != 1 {
		t.Fatalf("diagnostics: %v", diags)
	}
	d := diags[0]
	for _, want := range []string{
		"SDKAppID 1400000001 already has a live callback configuration that differs from this one",
		"The existing configuration sends Live.A, Live.B to https://theirs.example.com/cb.",
		"terraform import tencentrtc_callback_config.<name> 1400000001/live",
		"The API answered v4/live_config/set_callback with error 100300 [request ID Id-7].",
	} {
		if !strings.Contains(d.Detail(), want) {
			t.Errorf("detail lacks %q:\n%s", want, d.Detail())
		}
	}
	for _, bad := range []string{"update_callback", "is this resource's name"} {
		if strings.Contains(d.Detail(), bad) {
			t.Errorf("detail contains %q:\n%s", bad, d.Detail())
		}
	}
	if d.Summary() != "Callback Configuration Already Exists" {
		t.Errorf("summary %q", d.Summary())
	}
}
