package emulator

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

const maxTokenLen = 128

// validateConfig checks a callback configuration like the real API and
// returns a message, or "" when it is valid.
func validateConfig(p catalog.Product, rawURL string, commands []string) string {
	if msg := validateURL(rawURL); msg != "" {
		return msg
	}
	if len(commands) == 0 {
		return "the callback command list must not be empty"
	}
	for _, c := range commands {
		// Whether the server rejects unknown command words is unconfirmed
		// (API.md §Choices where the documentation is silent, 6). We reject them with the invalid-parameter code: a
		// faithful stand-in should catch a word the real server would at
		// best silently ignore.
		if _, ok := catalog.Lookup(p, c); !ok {
			return catalog.Problem(p, c)
		}
	}
	return ""
}

// validateURL requires an absolute http or https URL with a host (API.md §Verbs per product:
// "must start with http/https").
func validateURL(raw string) string {
	if raw == "" {
		return "the callback URL is required"
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		(!strings.HasPrefix(raw, "http://") && !strings.HasPrefix(raw, "https://")) {
		return fmt.Sprintf("the callback URL %q must start with http:// or https:// and name a host", raw)
	}
	return ""
}

func validateToken(t string) string {
	if t == "" || len(t) > maxTokenLen {
		return fmt.Sprintf("Token must be 1 to %d characters long", maxTokenLen)
	}
	return ""
}
