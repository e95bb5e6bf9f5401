package client

import (
	"context"
	"strings"
	"testing"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

// TestLogLinesPerCall: a call that succeeds at once is one debug line; a
// retried attempt is a warning of its own; the call's line carries the number
// of attempts, the last attempt's duration and, on failure, the API code.
func TestLogLinesPerCall(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name     string
		faults   int
		retries  int
		wantErr  bool
		want     []string // prefix of each line, in order
		contains []string // in the last line
	}{
		{name: "at once", want: []string{"DEBUG tencentrtc API call succeeded"},
			contains: []string{"attempts:1", "attempt_duration_ms:", "duration_ms:", "path:/v4/call_config/get_callback", "sdk_app_id:"}},
		{name: "after two faults", faults: 2, want: []string{
			"WARN tencentrtc API attempt failed, retrying map[api_family:v4 attempt:1 ",
			"WARN tencentrtc API attempt failed, retrying map[api_family:v4 attempt:2 ",
			"DEBUG tencentrtc API call succeeded",
		}, contains: []string{"attempts:3", "attempt_duration_ms:"}},
		{name: "out of retries", faults: 9, retries: 1, wantErr: true, want: []string{
			"WARN tencentrtc API attempt failed, retrying map[api_family:v4 attempt:1 ",
			"DEBUG tencentrtc API call failed",
		}, contains: []string{"attempts:2", "error_code:100001", "request_id:Id-f", "attempt_duration_ms:"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newFake(t, failThen(tc.faults, writing(v4Fail(100001, "internal", "Id-f")), sampleV4GetCall))
			logger := &captureLogger{}
			c := newTestClient(t, srv.URL, func(o *Options) {
				o.Logger = logger
				if tc.retries > 0 {
					o.MaxRetries = new(tc.retries)
				}
			})
			if _, err := c.GetCallback(ctx, catalog.Call); (err != nil) != tc.wantErr {
				t.Fatalf("error = %v, want one: %v", err, tc.wantErr)
			}
			lines := logger.all()
			if len(lines) != len(tc.want) {
				t.Fatalf("%d log lines, want %d:\n%s", len(lines), len(tc.want), strings.Join(lines, "\n"))
			}
			for i, prefix := range tc.want {
				if !strings.HasPrefix(lines[i], prefix) {
					t.Errorf("line %d = %q, want the prefix %q", i, lines[i], prefix)
				}
			}
			for _, s := range tc.contains {
				if !strings.Contains(lines[len(lines)-1], s) {
					t.Errorf("the call's line lacks %q: %s", s, lines[len(lines)-1])
				}
			}
		})
	}
}
