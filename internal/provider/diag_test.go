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
			want: []string{"v4/call_config/get_callback", "70009", "Id-abc-O-Seq-1", "secret_key (TENCENTRTC_SECRET_KEY", "identifier (TENCENTRTC_IDENTIFIER", "sdk_app_id (TENCENTRTC_SDK_APP_ID)", "clock"},
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
