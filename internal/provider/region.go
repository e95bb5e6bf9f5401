package provider

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
)

// regionValidator accepts the provider's region names. A Tencent Cloud region
// ID such as ap-singapore, another spelling or another case gets the name to
// use instead.
var regionValidator = stringCheck{
	description: description("value must be one of " + strings.Join(client.Regions(), ", ")),
	check: func(p path.Path, region string, diags *diag.Diagnostics) {
		if !slices.Contains(client.Regions(), region) {
			diags.AddAttributeError(p, "Invalid Region", fmt.Sprintf("region is %q: %s.", region, regionAdvice(region)))
		}
	},
}

// regionAdvice says which values region accepts and, when region names a
// data center in another way, which of them it means.
func regionAdvice(region string) string {
	advice := "use one of " + strings.Join(client.Regions(), ", ")
	if hint := regionHint(region); hint != "" {
		advice += fmt.Sprintf(". %q is the %s data center: write %q", region, hint, hint)
	}
	return advice
}

// regionAliases maps Tencent Cloud region IDs and common names of the data
// centers to the provider's region names.
var regionAliases = map[string]string{
	"ap-singapore":     "singapore",
	"ap-seoul":         "seoul",
	"eu-frankfurt":     "frankfurt",
	"na-siliconvalley": "silicon-valley",
	"ap-jakarta":       "jakarta",
	"siliconvalley":    "silicon-valley",
	"silicon_valley":   "silicon-valley",
	"usa":              "silicon-valley",
	"us":               "silicon-valley",
	"america":          "silicon-valley",
	"sgp":              "singapore",
	"sg":               "singapore",
	"korea":            "seoul",
	"kr":               "seoul",
	"germany":          "frankfurt",
	"ger":              "frankfurt",
	"indonesia":        "jakarta",
	"idn":              "jakarta",
	"cn":               "china",
	"mainland":         "china",
	"mainland-china":   "china",
}

// mainlandCities are the cities of Tencent Cloud's mainland China region IDs
// (ap-guangzhou, ap-shanghai-fsi, ...): all of them are region "china".
var mainlandCities = []string{"guangzhou", "shanghai", "beijing", "chengdu", "chongqing", "nanjing", "shenzhen", "hangzhou", "wuhan", "tianjin", "changsha", "xian", "jinan", "hefei", "fuzhou", "shijiazhuang"}

// regionHint returns the region name that region means, or "".
func regionHint(region string) string {
	r := strings.ToLower(strings.TrimSpace(region))
	if slices.Contains(client.Regions(), r) {
		return r
	}
	if hint, ok := regionAliases[r]; ok {
		return hint
	}
	if city, ok := strings.CutPrefix(r, "ap-"); ok {
		city, _, _ = strings.Cut(city, "-") // ap-shanghai-fsi
		if slices.Contains(mainlandCities, city) {
			return "china"
		}
	}
	return ""
}
