package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/catalog"
	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
)

// The create rule of every resource: a create never replaces a
// configuration that someone else made. It reads first; when nothing is
// there it writes; when what is there is identical to the plan (what a create
// whose answer was lost, or an interrupted apply, leaves behind) it adopts it
// without writing; anything else fails before any write, with the import hint.
// The client only maps verbs to HTTP: this policy lives here alone.

// createOutcome is what a create found and did.
type createOutcome int

const (
	outcomeCreated  createOutcome = iota // nothing existed; the provider wrote it
	outcomeAdopted                       // an identical configuration existed; nothing was written
	outcomeConflict                      // a different configuration exists; nothing was written by this create
)

// createCallback applies the create rule to a callback configuration. err is
// an API failure; with outcomeConflict it is the 100300 answer that revealed
// the conflict, or nil when the first read did. existing is the configuration
// found, when known.
func createCallback(ctx context.Context, c *client.Client, p catalog.Product, want client.CallbackConfig) (outcome createOutcome, existing *client.CallbackConfig, err error) {
	got, err := c.GetCallback(ctx, p)
	switch {
	case err == nil && got != nil:
		if sameConfig(*got, want) {
			tflog.Info(ctx, "Adopted an existing callback configuration identical to the planned one; nothing written")
			return outcomeAdopted, got, nil
		}
		return outcomeConflict, got, nil
	case err == nil:
		return outcomeCreated, nil, fmt.Errorf("the client returned no configuration and no error. %s", bugReport)
	case !client.IsNotFound(err):
		return outcomeCreated, nil, err
	}
	err = c.SetCallback(ctx, p, want)
	if !client.IsAlreadyExists(err) {
		return outcomeCreated, nil, err
	}
	// live and room answer 100300 when a configuration appeared after the
	// read: our own first attempt whose answer was lost (the client retried
	// it), or another writer. Only an identical one is ours to adopt.
	got, getErr := c.GetCallback(ctx, p)
	if getErr == nil && got != nil && sameConfig(*got, want) {
		tflog.Info(ctx, "Create answered 100300 and the stored configuration equals the planned one (an earlier attempt's answer was lost); adopted")
		return outcomeAdopted, got, nil
	}
	return outcomeConflict, got, err
}

// createLiveToken applies the create rule to the Live callback token:
// identical means the same token and the same enabled flag.
func createLiveToken(ctx context.Context, c *client.Client, token string, enabled bool) (createOutcome, error) {
	got, err := c.GetLiveCallbackToken(ctx)
	switch {
	case err == nil && got != nil:
		if got.Token == token && got.Enabled == enabled {
			tflog.Info(ctx, "Adopted an existing Live callback token identical to the planned one; nothing written")
			return outcomeAdopted, nil
		}
		return outcomeConflict, nil
	case err == nil:
		return outcomeCreated, fmt.Errorf("the client returned no token and no error. %s", bugReport)
	case !client.IsNotFound(err):
		return outcomeCreated, err
	}
	// set_callback_token sets or updates: a retry after a lost answer
	// simply sets the same values again.
	return outcomeCreated, c.SetLiveCallbackToken(ctx, client.LiveCallbackTokenUpdate{Token: &token, Enabled: &enabled})
}

// sameConfig reports whether a and b have the same URL and the same set of
// command words, ignoring order and duplicates.
func sameConfig(a, b client.CallbackConfig) bool {
	return a.URL == b.URL && slices.Equal(wordSet(a.Commands), wordSet(b.Commands))
}

func wordSet(words []string) []string {
	s := slices.Clone(words)
	slices.Sort(s)
	return slices.Compact(s)
}

// importHint tells how to bring an existing object under this resource. The
// framework does not tell a resource its address, so the text says where to
// find it.
func importHint(resourceType, id string) string {
	addr := resourceType + ".<name>"
	return fmt.Sprintf("To manage it with Terraform, import it into this resource, then apply your changes:\n\n"+
		"  terraform import %[1]s %[2]s\n\n"+
		"or add an import block (Terraform 1.5 or later, OpenTofu 1.6 or later) and run terraform apply:\n\n"+
		"  import {\n    to = %[1]s\n    id = %[3]q\n  }\n\n"+
		"Replace %[1]s with this resource's address as the plan shows it (with its module path and its count or for_each key, if any).",
		addr, id, id)
}

// describeConfig says what a configuration does, for error texts (URLs and
// command words are not secrets).
func describeConfig(cfg *client.CallbackConfig) string {
	if cfg == nil {
		return ""
	}
	return fmt.Sprintf(" The existing configuration sends %s to %s.", strings.Join(wordSet(cfg.Commands), ", "), cfg.URL)
}
