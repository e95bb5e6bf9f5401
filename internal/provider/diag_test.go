package provider

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
)

func TestAPIErrorDetail(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		want []string
	}{
		{
			name: "auth",
			err:  &client.APIError{Family: "v4", Path: "v4/call_config/get_callback", Code: 70009, Message: "sig check failed", RequestID: "Id-abc-O-Seq-1", HTTPStatus: 200},
			want: []string{"v4/call_config/get_callback: error 70009 (the UserSig was not signed with this app's key): sig check failed [request ID Id-abc-O-Seq-1].\n\n" + authAdvice},
		},
		{
			name: "retryable",
			err:  &client.APIError{Family: "v4", Path: "v4/live_config/update_callback", Code: 100001, RequestID: "Id-r", Attempts: 6},
			want: []string{"100001", "Id-r", "transient", "Run terraform apply again"},
		},
		{
			name: "other",
			err:  &client.APIError{Family: "v4", Path: "v4/room_config/set_callback", Code: 100002, Message: "bad Url", RequestID: "Id-o"},
			want: []string{"100002", "bad Url", "Id-o", "contact Tencent support with the request ID"},
		},
		{
			name: "wrapped transport error is redacted",
			err:  fmt.Errorf("wrapped: %w", errors.New(`Post "https://h/v4/x?sdkappid=1&usersig=eJwSECRET*abc_&random=1": EOF`)),
			want: []string{"usersig=REDACTED&random=1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := apiErrorDetail(tt.err)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("detail lacks %q:\n%s", w, got)
				}
			}
			if strings.Contains(got, "eJwSECRET") {
				t.Errorf("detail leaks a UserSig:\n%s", got)
			}
		})
	}
}

// TestAPIErrorDetailAuthOnce: every code the client classes as a credentials
// problem gets the advice, exactly once, after the code's meaning.
func TestAPIErrorDetailAuthOnce(t *testing.T) {
	t.Parallel()
	codes := map[string][]int{
		client.FamilyV4: {60010, 70001, 70002, 70003, 70005, 70009, 70013, 70014, 70016, 70020, 70050, 70052, 70403},
		client.FamilyV1: {70002, 70003, 70004},
	}
	for family, list := range codes {
		for _, code := range list {
			err := &client.APIError{Family: family, Path: family + "/x", Code: code, Message: "refused", RequestID: "Id-1"}
			if !client.IsAuth(err) {
				t.Errorf("%s %d: not an auth error", family, code)
				continue
			}
			got := apiErrorDetail(err)
			if n := strings.Count(got, "Likely causes"); n != 1 || !strings.HasSuffix(got, authAdvice) || strings.Count(got, "secret_key") != 2 {
				t.Errorf("%s %d: the advice must appear once, at the end:\n%s", family, code, got)
			}
		}
	}
}
