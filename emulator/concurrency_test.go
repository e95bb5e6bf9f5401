package emulator

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

// TestConcurrentRequests runs API, control and Go-API traffic in parallel
// (meaningful under -race) and checks the counters add up.
func TestConcurrentRequests(t *testing.T) {
	s := newTestServer(t)
	q := validQuery(t).Encode()
	const workers, each = 8, 25
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				var path, body string
				switch i % 3 {
				case 0:
					path, body = "/v4/call_config/set_callback", configBody(fmt.Sprintf("https://w%d.example/%d", w, i), "Call.CallbackAfterStartCall")
				case 1:
					path, body = "/v4/call_config/get_callback", `{}`
				default:
					path, body = "/v1/callback/set", `{"address":"https://a.example","actions":["cancel"]}`
				}
				if status, b, err := httpPost(t, http.DefaultClient, s.URL+path+"?"+q, body); err != nil || status != 200 {
					t.Errorf("%s: %d %s %v", path, status, b, err)
				}
				s.PutLiveToken(testAppID, LiveToken{Token: "t", Enabled: i%2 == 0})
				_, _ = s.Config(testAppID, catalog.Call)
				_ = s.Stats()
			}
		}()
	}
	wg.Wait()
	if st := s.Stats(); st.Total != workers*each {
		t.Errorf("Total = %d, want %d", st.Total, workers*each)
	}
	if _, ok := s.Config(testAppID, catalog.Call); !ok {
		t.Error("no call config after the run")
	}
}
