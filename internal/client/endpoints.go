package client

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// Endpoints are the base URLs (scheme://host[:port], no trailing slash) of
// the two API families.
type Endpoints struct {
	V4 string // base URL for /v4/... e.g. https://console.tim.qq.com
	V1 string // base URL for /v1/callback/... e.g. https://callkit.trtc.tencent-cloud.com
}

// DefaultRegion is the region used when none is configured.
const DefaultRegion = "china"

const (
	callKitChina = "https://callkit.trtc.tencent-cloud.com"
	callKitIntl  = "https://callkit-intl.trtc.tencent-cloud.com"
)

type region struct {
	name string
	v4   string
}

// regions in documentation order (API.md §Domains and regions). Tokyo and Mumbai appear only on
// some doc versions and are left out (API.md §Choices where the documentation is silent).
var regions = []region{
	{"china", "https://console.tim.qq.com"},
	{"singapore", "https://adminapisgp.im.qcloud.com"},
	{"seoul", "https://adminapikr.im.qcloud.com"},
	{"frankfurt", "https://adminapiger.im.qcloud.com"},
	{"silicon-valley", "https://adminapiusa.im.qcloud.com"},
	{"jakarta", "https://adminapiidn.im.qcloud.com"},
}

// Regions returns the accepted region names, default first.
func Regions() []string {
	out := make([]string, len(regions))
	for i, r := range regions {
		out[i] = r.name
	}
	return out
}

// ResolveEndpoints returns the base URLs for region ("" means "china"), or for
// endpoint when it is set: endpoint replaces the regional domains of both
// families. Plain http is accepted only for loopback hosts unless
// allowInsecureHTTP is true, because the UserSig travels in the query string.
func ResolveEndpoints(region, endpoint string, allowInsecureHTTP bool) (Endpoints, error) {
	if region == "" {
		region = DefaultRegion
	}
	var v4 string
	for _, r := range regions {
		if r.name == region {
			v4 = r.v4
		}
	}
	if v4 == "" {
		return Endpoints{}, fmt.Errorf("unknown region %q: set region to one of %s", region, strings.Join(Regions(), ", "))
	}
	if endpoint != "" {
		base, err := parseEndpoint(endpoint, allowInsecureHTTP)
		if err != nil {
			return Endpoints{}, err
		}
		return Endpoints{V4: base, V1: base}, nil
	}
	v1 := callKitIntl
	if region == DefaultRegion {
		v1 = callKitChina
	}
	return Endpoints{V4: v4, V1: v1}, nil
}

const endpointForm = "set endpoint to a base URL of the form scheme://host[:port], e.g. https://console.tim.qq.com or http://127.0.0.1:8080"

func parseEndpoint(raw string, allowInsecureHTTP bool) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("invalid endpoint %q: %w; %s", raw, err, endpointForm)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return "", fmt.Errorf("invalid endpoint %q: the scheme must be https (or http for a loopback host); %s", raw, endpointForm)
	case u.Host == "" || u.Hostname() == "":
		return "", fmt.Errorf("invalid endpoint %q: it has no host; %s", raw, endpointForm)
	case u.User != nil:
		return "", fmt.Errorf("invalid endpoint %q: user information is not allowed; %s", raw, endpointForm)
	case u.Path != "" && u.Path != "/", u.RawQuery != "", u.ForceQuery, u.Fragment != "":
		return "", fmt.Errorf("invalid endpoint %q: it must not have a path, query or fragment (the client appends /v4/... and /v1/callback/...); %s", raw, endpointForm)
	}
	if u.Port() != "" {
		if n, err := strconv.Atoi(u.Port()); err != nil || n < 1 || n > 65535 {
			return "", fmt.Errorf("invalid endpoint %q: bad port %q; %s", raw, u.Port(), endpointForm)
		}
	}
	if u.Scheme == "http" && !allowInsecureHTTP && !isLoopback(u.Hostname()) {
		return "", fmt.Errorf("insecure endpoint %q: plain http would send the UserSig unencrypted, so it is accepted only for loopback hosts (127.0.0.0/8, ::1, localhost); use https, or set allow_insecure_http = true if the network path is trusted", raw)
	}
	return u.Scheme + "://" + u.Host, nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
