package provider

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/testfixtures"
)

// Retry settings of the fault tests: two retries (three attempts) with short
// waits, and a request timeout well below the injected delay.
const (
	faultMaxRetries     = 2
	faultRequestTimeout = time.Second
	faultDelay          = 3 * time.Second
)

// faultProviderConfig retries quickly so that a whole fault table stays fast.
func faultProviderConfig(srv *emulator.Server) string {
	return testfixtures.ProviderConfig(srv.URL, fmt.Sprintf(`  max_retries     = %d
  request_timeout = %q
  retry_wait_min  = "10ms"
  retry_wait_max  = "50ms"`, faultMaxRetries, faultRequestTimeout))
}

// createPaths are the API paths of the create verb per product.
var createPaths = map[catalog.Product]string{
	catalog.Call:    "/v4/call_config/set_callback",
	catalog.Live:    "/v4/live_config/set_callback",
	catalog.Room:    "/v4/room_config/set_callback",
	catalog.CallKit: "/v1/callback/set",
}

// v4RequestID and v1RequestID match the request IDs the emulator answers.
const (
	v4RequestID = `\[request ID Id-[0-9a-f]{32}-O-Seq-\d+\]`
	v1RequestID = `\[request ID [0-9a-f]{32}\]`
)

// TestFaults runs whole applies through every fault the emulator can inject.
// Fewer faults than the retry budget: the apply succeeds and the emulator
// holds the configuration. More: the apply fails with an error that names the
// API code or HTTP status (and the request ID when the server sent one), and
// the next apply without faults converges to an empty plan.
func TestFaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		product catalog.Product
		fault   emulator.Fault
		want    string // regexp of the error after the retry budget is spent
	}{
		{"http 502", catalog.Call, emulator.Fault{Kind: emulator.FaultHTTPStatus, Status: 502}, `unexpected HTTP status 502 Bad Gateway`},
		{"http 503", catalog.Live, emulator.Fault{Kind: emulator.FaultHTTPStatus, Status: 503}, `unexpected HTTP status 503 Service Unavailable`},
		{"dropped connection", catalog.Room, emulator.Fault{Kind: emulator.FaultDrop}, `request failed: .*(EOF|connection reset)`},
		{"slow answer", catalog.Live, emulator.Fault{Kind: emulator.FaultDelay, Delay: faultDelay}, `no complete answer within the per-attempt timeout of 1s`},
		{"truncated body", catalog.Live, emulator.Fault{Kind: emulator.FaultTruncate}, `request failed: unexpected EOF`},
		{"non-JSON body", catalog.Room, emulator.Fault{Kind: emulator.FaultNonJSON}, `malformed response`},
		{"100001", catalog.Call, emulator.Fault{Kind: emulator.FaultErrorCode, Code: 100001}, `error 100001 \(internal server error; retry later\).*` + v4RequestID},
		{"60007", catalog.Live, emulator.Fault{Kind: emulator.FaultThrottle}, `error 60007 \(REST API call rate over the limit.*` + v4RequestID},
		{"60011", catalog.Room, emulator.Fault{Kind: emulator.FaultErrorCode, Code: 60011}, `error 60011 \(per-app request rate over the limit.*` + v4RequestID},
		{"60018", catalog.Call, emulator.Fault{Kind: emulator.FaultErrorCode, Code: 60018}, `error 60018 \(too many requests.*` + v4RequestID},
		{"60019", catalog.Live, emulator.Fault{Kind: emulator.FaultErrorCode, Code: 60019}, `error 60019 \(too many requests.*` + v4RequestID},
		{"70005 callkit", catalog.CallKit, emulator.Fault{Kind: emulator.FaultThrottle}, `error 70005 \(request rate over the limit.*` + v1RequestID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := startEmulator(t)
			inject := func(path string, count int) func() {
				return func() {
					f := tt.fault
					f.PathPrefix, f.Count = path, count
					srv.InjectFault(f)
				}
			}
			config := func(url string) string {
				return faultProviderConfig(srv) + testfixtures.CallbackConfigResource("test", testAppID, tt.product, url)
			}
			url1, url2 := "https://a.example.com/cb", "https://b.example.com/cb"
			words := testfixtures.SampleWords(tt.product)
			// Over the budget: three attempts, each disturbed. The text is
			// wrapped by the CLI, so spaces match any whitespace.
			wantErr := testfixtures.Flexible(tt.want)
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				CheckDestroy:             checkEmulatorHasNoConfig(srv, testAppID, tt.product),
				Steps: []resource.TestStep{
					{ // create: faults within the budget
						PreConfig: inject(createPaths[tt.product], faultMaxRetries),
						Config:    config(url1),
						Check: resource.ComposeAggregateTestCheckFunc(
							checkFaultsConsumed(srv),
							checkEmulatorConfig(srv, testAppID, tt.product, url1, words...),
						),
					},
					{ // update: faults beyond the budget
						PreConfig:   inject(updatePaths[tt.product], faultMaxRetries+1),
						Config:      config(url2),
						ExpectError: wantErr,
					},
					{ // the next apply without faults converges
						PreConfig: func() {
							if left := srv.Faults(); len(left) > 0 {
								t.Errorf("faults left after the failed apply: %+v", left)
							}
						},
						Config: config(url2),
						Check:  checkEmulatorConfig(srv, testAppID, tt.product, url2, words...),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
					},
				},
			})
		})
	}
}

// TestFaultsLostResponse drops the connection after the emulator applied a
// create or an update: the retry must not fail the apply. A retried live or
// room create meets 100300, and the provider adopts the stored configuration
// because it is exactly the one being created (a different one is refused:
// TestCreateCallbackAfter100300).
func TestFaultsLostResponse(t *testing.T) {
	t.Parallel()
	for _, p := range catalog.Products {
		t.Run(string(p), func(t *testing.T) {
			t.Parallel()
			srv := startEmulator(t)
			drop := func(path string) func() {
				return func() { srv.InjectFault(emulator.Fault{Kind: emulator.FaultDropAfterApply, PathPrefix: path}) }
			}
			config := func(url string) string {
				return faultProviderConfig(srv) + testfixtures.CallbackConfigResource("test", testAppID, p, url)
			}
			url1, url2 := "https://a.example.com/cb", "https://b.example.com/cb"
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						PreConfig: drop(createPaths[p]),
						Config:    config(url1),
						Check:     resource.ComposeAggregateTestCheckFunc(checkFaultsConsumed(srv), checkEmulatorConfig(srv, testAppID, p, url1, testfixtures.SampleWords(p)...)),
					},
					{
						PreConfig: drop(updatePaths[p]),
						Config:    config(url2),
						Check:     resource.ComposeAggregateTestCheckFunc(checkFaultsConsumed(srv), checkEmulatorConfig(srv, testAppID, p, url2, testfixtures.SampleWords(p)...)),
					},
				},
			})
		})
	}
}

// TestLoad applies 60 configurations (20 apps x 3 v4 products) with
// -parallelism=50 against an emulator that enforces a low rate limit: two
// requests per second per app, burst two. With the provider's rate_limit set
// to the same figure the apply meets no throttling at all. The control run
// without it (the default 200/s) must be throttled, which shows that the
// limit is low enough to matter, and must still succeed through retries.
func TestLoad(t *testing.T) {
	t.Parallel()
	products := []catalog.Product{catalog.Call, catalog.Live, catalog.Room}
	const urlBase = "https://load.example.com"
	for _, tt := range []struct {
		name      string
		extra     string
		throttled bool
	}{
		{"client limit matches the server", `  rate_limit = 2`, false},
		// Ten retries: a create costs three requests (the final plan's read,
		// the create's read, the write), which meet a throttled server.
		{"control: no client limit", "  retry_wait_min = \"100ms\"\n  max_retries = 10", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			apps := testfixtures.ExtraApps(20)
			srv := testfixtures.StartEmulator(t, emulator.Options{Apps: apps, V4RateLimit: 2})
			w := newCLIWorkspace(t, testfixtures.MultiApp{Endpoint: srv.URL, Apps: apps, Products: products, URLBase: urlBase, ProviderLines: tt.extra}.HCL())
			start := time.Now()
			w.mustRun(0, applyArgs("-parallelism=50")...)
			t.Logf("apply of %d configurations: %s, emulator stats %+v", len(apps)*len(products), time.Since(start).Round(time.Millisecond), srv.Stats())
			checkEmulatorHoldsExactly(t, srv, apps, products, urlBase)
			if got := srv.Stats().Throttled; (got > 0) != tt.throttled {
				t.Errorf("emulator throttled %d requests, want throttling: %v", got, tt.throttled)
			}
			w.mustRun(0, planArgs("-parallelism=50")...)
		})
	}
}

// TestFaultsTuningOptions checks how the provider's retry knobs reach the
// client: as they are, max_retries = 0 as 0 (no retries), an unset knob as
// zero (nil) so that the client's defaults apply. Reconciling a retry wait
// set alone with the other's default is the client's (TestRetryOptions).
func TestFaultsTuningOptions(t *testing.T) {
	t.Parallel()
	var opts client.Options
	m := tuningModel{MaxRetries: types.Int64Value(0), RetryWaitMax: types.StringValue("50ms"), RequestTimeout: types.StringValue("2s")}
	if err := m.apply(&opts); err != nil {
		t.Fatal(err)
	}
	if opts.MaxRetries == nil || *opts.MaxRetries != 0 || opts.RetryWaitMin != 0 || opts.RetryWaitMax != 50*time.Millisecond || opts.RequestTimeout != 2*time.Second {
		t.Errorf("options %+v", opts)
	}
	opts = client.Options{}
	err := tuningModel{}.apply(&opts)
	if err != nil || opts.MaxRetries != nil || opts.RequestTimeout != 0 || opts.RetryWaitMin != 0 || opts.RetryWaitMax != 0 || opts.V4RateLimit != 0 || opts.V1RateLimit != 0 {
		t.Errorf("unset knobs must keep the client defaults: %+v, %v", opts, err)
	}
}
