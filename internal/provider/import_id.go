package provider

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
)

// importIDForms is the accepted shape of import IDs, for error texts.
const importIDForms = "<sdk_app_id>/<product> (e.g. 1400000001/live) or <product> alone for the provider's default app"

// parseImportID parses `<sdk_app_id>/<product>` or `<product>`; the second
// form uses defaultApp, the provider's sdk_app_id (0 when it has none).
func parseImportID(id string, defaultApp uint64) (uint64, catalog.Product, error) {
	if id == "" {
		return 0, "", fmt.Errorf("the import ID is empty; use %s", importIDForms)
	}
	parts := strings.Split(id, "/")
	if len(parts) > 2 {
		return 0, "", fmt.Errorf("import ID %q has %d parts separated by /; use %s", id, len(parts), importIDForms)
	}
	productPart := parts[len(parts)-1]
	product, err := catalog.ParseProduct(productPart)
	if err != nil {
		return 0, "", fmt.Errorf("import ID %q is not of the form %s%s: %w", id, importIDForms, importIDHint(id), err)
	}
	if len(parts) == 1 {
		if defaultApp == 0 {
			return 0, "", fmt.Errorf("import ID %q names no SDKAppID and the provider has no default sdk_app_id (%s): use %d/%s with your SDKAppID, or set the provider's sdk_app_id",
				id, envSDKAppID, 1400000001, product)
		}
		return defaultApp, product, nil
	}
	app, err := parseSDKAppID(parts[0])
	if err != nil {
		return 0, "", fmt.Errorf("import ID %q: %w; use %s", id, err, importIDForms)
	}
	return app, product, nil
}

// parseSDKAppID parses an SDKAppID: a decimal integer from 1 to maxSDKAppID.
func parseSDKAppID(s string) (uint64, error) {
	if s == "" {
		return 0, errors.New("the SDKAppID is empty")
	}
	if strings.HasPrefix(s, "-") {
		return 0, fmt.Errorf("SDKAppID %q is negative; SDKAppIDs are positive integers", s)
	}
	app, err := strconv.ParseUint(s, 10, 32)
	switch {
	case errors.Is(err, strconv.ErrRange):
		return 0, fmt.Errorf("SDKAppID %q is too large; SDKAppIDs are at most %d", s, maxSDKAppID)
	case err != nil:
		return 0, fmt.Errorf("SDKAppID %q is not a decimal integer", s)
	case app == 0:
		return 0, errors.New("SDKAppID 0 is not valid; SDKAppIDs are positive integers")
	}
	return app, nil
}

// callbackConfigID is the resource ID of an (app, product) pair.
func callbackConfigID(app uint64, product catalog.Product) string {
	return strconv.FormatUint(app, 10) + "/" + string(product)
}

// importIDHint recognises two likely slips: a colon instead of a slash, and
// the two parts swapped.
func importIDHint(id string) string {
	if a, b, ok := strings.Cut(id, ":"); ok {
		if _, err := catalog.ParseProduct(b); err == nil {
			return fmt.Sprintf(" (separate the parts with /: %s/%s)", a, b)
		}
	}
	if a, b, ok := strings.Cut(id, "/"); ok {
		if _, err := catalog.ParseProduct(a); err == nil {
			return fmt.Sprintf(" (the SDKAppID comes first: %s/%s)", b, a)
		}
	}
	return ""
}
