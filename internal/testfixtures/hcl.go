package testfixtures

import (
	"fmt"
	"strings"

	"github.com/tencentrtc/terraform-provider-tencentrtc/emulator"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

// RequiredProviders is the terraform block that names the provider's source.
const RequiredProviders = `
terraform {
  required_providers {
    tencentrtc = { source = "tencentrtc/tencentrtc" }
  }
}
`

// Provider is a provider "tencentrtc" block pointing at endpoint, with the
// given attribute lines (raw HCL) after the endpoint.
func Provider(endpoint string, lines ...string) string {
	body := ""
	if len(lines) > 0 {
		body = strings.Join(lines, "\n") + "\n"
	}
	return fmt.Sprintf("\nprovider \"tencentrtc\" {\n  endpoint   = %q\n%s}\n", endpoint, body)
}

// ProviderConfig is the provider block of most tests: the first test app as
// the default app and the second in apps, plus extra attribute lines.
func ProviderConfig(endpoint string, extra ...string) string {
	lines := []string{
		fmt.Sprintf("  sdk_app_id = %d\n  secret_key = %q", AppID, AppSecret),
		AppsAttribute([]emulator.App{{SDKAppID: App2ID, SecretKey: App2Secret}}),
	}
	return Provider(endpoint, append(lines, extra...)...)
}

// AppsAttribute is the provider's apps map with the credentials of apps.
func AppsAttribute(apps []emulator.App) string {
	var b strings.Builder
	b.WriteString("  apps = {\n")
	for _, a := range apps {
		fmt.Fprintf(&b, "    \"%d\" = { secret_key = %q }\n", a.SDKAppID, a.SecretKey)
	}
	b.WriteString("  }")
	return b.String()
}

// Quoted renders ss as the items of an HCL list: "a", "b".
func Quoted[S ~string](ss []S) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(out, ", ")
}

// CallbackConfigResource is one tencentrtc_callback_config block named name with the
// sample words of p.
func CallbackConfigResource(name string, app uint64, p catalog.Product, url string) string {
	return fmt.Sprintf(`
resource "tencentrtc_callback_config" %[1]q {
  sdk_app_id        = %[2]d
  product           = %[3]q
  url               = %[4]q
  callback_commands = [%[5]s]
}
`, name, app, p, url, Quoted(SampleWords(p)))
}

// MultiApp is a root module that manages many apps from one provider block:
// every app in the apps map and one tencentrtc_callback_config per (app,
// product) through for_each, with the URL <URLBase>/<sdk_app_id>/<product>.
type MultiApp struct {
	Endpoint string
	Apps     []emulator.App
	Products []catalog.Product
	URLBase  string

	// DefaultApp, when set, is the provider's sdk_app_id (its key stays in
	// the apps map).
	DefaultApp uint64
	// Words chooses each product's command words; nil means SampleWords.
	Words func(catalog.Product) []string
	// ProviderLines are extra attribute lines of the provider block.
	ProviderLines string
}

// HCL renders the root module without the terraform block (prepend
// RequiredProviders when the CLI needs it).
func (m MultiApp) HCL() string {
	words := m.Words
	if words == nil {
		words = SampleWords
	}
	lines := []string{AppsAttribute(m.Apps)}
	if m.DefaultApp != 0 {
		lines = append([]string{fmt.Sprintf("  sdk_app_id = %d", m.DefaultApp)}, lines...)
	}
	if m.ProviderLines != "" {
		lines = append(lines, m.ProviderLines)
	}
	ids := make([]string, len(m.Apps))
	for i, a := range m.Apps {
		ids[i] = fmt.Sprint(a.SDKAppID)
	}
	wordLines := make([]string, len(m.Products))
	for i, p := range m.Products {
		wordLines[i] = fmt.Sprintf("    %s = [%s]", p, Quoted(words(p)))
	}
	return Provider(m.Endpoint, lines...) + fmt.Sprintf(`
locals {
  apps     = [%[1]s]
  products = [%[2]s]
  words = {
%[3]s
  }
  configs = { for pair in setproduct(local.apps, local.products) : "${pair[0]}/${pair[1]}" => { app = pair[0], product = pair[1] } }
}

resource "tencentrtc_callback_config" "c" {
  for_each          = local.configs
  sdk_app_id        = each.value.app
  product           = each.value.product
  url               = "%[4]s/${each.key}"
  callback_commands = local.words[each.value.product]
}
`, strings.Join(ids, ", "), Quoted(m.Products), strings.Join(wordLines, "\n"), m.URLBase)
}
