package provider

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

// FuzzURLValidator checks the callback URL validator: it never panics, every
// rejection is an error naming the attribute, and every URL it accepts is an
// absolute lower-case http(s) URL with a host that the emulator (which
// checks like the real API) accepts too, so no plan-time-valid URL fails at
// apply.
func FuzzURLValidator(f *testing.F) {
	for _, s := range []string{
		"https://hooks.example.com/cb", "http://127.0.0.1:8080/x?a=b", "https://[::1]:443/", "ftp://x", "https:///x",
		"HTTPS://X", "https://a b", "https://a/#f", "https://u:p@h/", "https://h/%zz", "https://h:99999/", "http://\x00",
		"https://例え.jp/パス", "https://h/" + strings.Repeat("a", 1100), "", "https://", "https://:80", "https://h?x#",
	} {
		f.Add(s)
	}
	e, err := emulator.New(emulator.Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var resp validator.StringResponse
		urlValidator.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("url"), ConfigValue: types.StringValue(s)}, &resp)
		if resp.Diagnostics.HasError() {
			for _, d := range resp.Diagnostics.Errors() {
				if !strings.HasPrefix(d.Detail(), "url ") || d.Summary() != "Invalid Callback URL" {
					t.Fatalf("error for %q does not name the attribute: %s: %s", s, d.Summary(), d.Detail())
				}
			}
			return
		}
		u, err := url.Parse(s)
		switch {
		case err != nil:
			t.Fatalf("accepted %q, which does not parse: %v", s, err)
		case u.Scheme != "https" && u.Scheme != "http", !strings.HasPrefix(s, u.Scheme+"://"):
			t.Fatalf("accepted %q with scheme %q", s, u.Scheme)
		case u.Hostname() == "":
			t.Fatalf("accepted %q without a host", s)
		case len(s) > maxCallbackURLLength:
			t.Fatalf("accepted %d bytes", len(s))
		case strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }):
			t.Fatalf("accepted %q with a space or control character", s)
		case strings.Contains(s, "#") || u.User != nil:
			t.Fatalf("accepted %q with a fragment or user information", s)
		}
		if err := e.PutConfig(1, catalog.Call, emulator.CallbackConfig{URL: s, Commands: []string{"Call.CallbackAfterStartCall"}}); err != nil {
			t.Fatalf("the provider accepts %q but the API would refuse it: %v", s, err)
		}
	})
}

// FuzzCommandWords checks the command-word validator against the catalogue:
// a word is an error exactly when the catalogue does not know it for the
// product, and every error points at the word and explains itself.
func FuzzCommandWords(f *testing.F) {
	for i, p := range catalog.Products {
		for _, w := range catalog.CommandNames(p) {
			f.Add(uint8(i), w)
		}
	}
	for _, w := range []string{"", " ", "Call.CallbackAfterStartCal", "call_bussy", "Live.CallbackAfterCreateRoom\x00", "ROOM.CALLBACKAFTERCREATEROOM", "Room.CallbackUpdateRoomInfo"} {
		f.Add(uint8(0), w)
		f.Add(uint8(3), w)
	}
	f.Fuzz(func(t *testing.T, pi uint8, word string) {
		p := catalog.Products[int(pi)%len(catalog.Products)]
		req := validator.SetRequest{
			Path:        path.Root("callback_commands"),
			ConfigValue: stringSet(word),
			Config:      callbackConfigConfig(t, str(string(p)), []string{word}),
		}
		var resp validator.SetResponse
		commandWordsValidator{}.ValidateSet(context.Background(), req, &resp)
		_, known := catalog.Lookup(p, word)
		errs := resp.Diagnostics.Errors()
		if known != (len(errs) == 0) {
			t.Fatalf("%s word %q: known %v but %d errors: %v", p, word, known, len(errs), errs)
		}
		for _, d := range errs {
			if !strings.HasPrefix(d.Detail(), "callback_commands") || !strings.Contains(d.Detail(), "tencentrtc_callback_commands") {
				t.Fatalf("error for %q does not name the attribute and the fix: %s", word, d.Detail())
			}
		}
	})
}
