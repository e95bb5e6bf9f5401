package client

import (
	"reflect"
	"strings"
	"testing"
)

func TestResolveEndpoints(t *testing.T) {
	intl := "https://callkit-intl.trtc.tencent-cloud.com"
	ok := []struct {
		name, region, endpoint string
		insecure               bool
		want                   Endpoints
	}{
		{"default is china", "", "", false, Endpoints{"https://console.tim.qq.com", "https://callkit.trtc.tencent-cloud.com"}},
		{"china", "china", "", false, Endpoints{"https://console.tim.qq.com", "https://callkit.trtc.tencent-cloud.com"}},
		{"singapore", "singapore", "", false, Endpoints{"https://adminapisgp.im.qcloud.com", intl}},
		{"seoul", "seoul", "", false, Endpoints{"https://adminapikr.im.qcloud.com", intl}},
		{"frankfurt", "frankfurt", "", false, Endpoints{"https://adminapiger.im.qcloud.com", intl}},
		{"silicon-valley", "silicon-valley", "", false, Endpoints{"https://adminapiusa.im.qcloud.com", intl}},
		{"jakarta", "jakarta", "", false, Endpoints{"https://adminapiidn.im.qcloud.com", intl}},
		{"endpoint replaces both", "singapore", "https://proxy.example.com:8443", false, Endpoints{"https://proxy.example.com:8443", "https://proxy.example.com:8443"}},
		{"trailing slash dropped", "", "https://proxy.example.com/", false, Endpoints{"https://proxy.example.com", "https://proxy.example.com"}},
		{"http on 127.0.0.1", "", "http://127.0.0.1:8080", false, Endpoints{"http://127.0.0.1:8080", "http://127.0.0.1:8080"}},
		{"http on 127.1.2.3", "", "http://127.1.2.3:8080", false, Endpoints{"http://127.1.2.3:8080", "http://127.1.2.3:8080"}},
		{"http on ::1", "", "http://[::1]:8080", false, Endpoints{"http://[::1]:8080", "http://[::1]:8080"}},
		{"http on localhost", "", "http://localhost:8080", false, Endpoints{"http://localhost:8080", "http://localhost:8080"}},
		{"http elsewhere when allowed", "", "http://10.0.0.5:8080", true, Endpoints{"http://10.0.0.5:8080", "http://10.0.0.5:8080"}},
	}
	for _, tt := range ok {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ResolveEndpoints(tt.region, tt.endpoint, tt.insecure)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}

	bad := []struct {
		name, region, endpoint string
		wantIn                 []string
	}{
		{"unknown region lists the valid ones", "mars", "", []string{"region", `"mars"`, "china, singapore, seoul, frankfurt, silicon-valley, jakarta"}},
		{"http on a remote host", "", "http://10.0.0.5:8080", []string{"endpoint", "https", "allow_insecure_http"}},
		{"http on a host that merely starts with 127", "", "http://127.0.0.1.example.com", []string{"endpoint", "allow_insecure_http"}},
		{"path", "", "https://proxy.example.com/v4", []string{"endpoint", "path", "scheme://host[:port]"}},
		{"query", "", "https://proxy.example.com?x=1", []string{"endpoint", "query"}},
		{"userinfo", "", "https://u:p@proxy.example.com", []string{"endpoint", "user"}},
		{"scheme", "", "ftp://proxy.example.com", []string{"endpoint", "scheme"}},
		{"no scheme", "", "proxy.example.com", []string{"endpoint"}},
		{"no host", "", "https://", []string{"endpoint", "host"}},
		{"bad port", "", "https://proxy.example.com:99999", []string{"endpoint", "port"}},
		{"bad region with endpoint", "nowhere", "https://proxy.example.com", []string{"region"}},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ResolveEndpoints(tt.region, tt.endpoint, false)
			if err == nil {
				t.Fatal("no error")
			}
			for _, s := range tt.wantIn {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q lacks %q", err, s)
				}
			}
		})
	}

	t.Run("Regions lists the contract's regions, default first", func(t *testing.T) {
		want := []string{"china", "singapore", "seoul", "frankfurt", "silicon-valley", "jakarta"}
		if got := Regions(); !reflect.DeepEqual(got, want) {
			t.Errorf("Regions() = %v", got)
		}
	})
}
