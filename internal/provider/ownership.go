package provider

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// One owner per target. A target is what an app has at most one of: a
// callback configuration per product, and the Live token; its key is the
// resource ID (`<sdk_app_id>/<product>`, `<sdk_app_id>/live_token`). Two
// resource instances for one target would take turns overwriting it on every
// apply, so:
//   - at plan, each instance claims its target; a second instance claiming
//     the same target fails the plan (claimTarget);
//   - at apply, a create holds the target's lock across its read and its
//     write, and a target created or adopted by one instance of this apply is
//     refused to any other create (beginCreate), which also covers targets
//     unknown at plan time.
//
// Both live in the providerData that one ConfigureProvider call builds.
// Terraform and OpenTofu configure the provider once per graph walk (the plan,
// then the apply), so the claims of a plan are forgotten before its apply
// plans each change again, and an in-process provider (the tests') that
// serves many commands starts each walk afresh.
//
// Terraform does not tell a provider a resource's address. An instance is
// known by a random key kept in its private data (privateKeyInstance): the
// plan of a replacement's create half receives the private data of the same
// instance's first plan, so one instance planned twice is never taken for
// two. A provider configuration alias is a provider process of its own:
// instances under different aliases cannot see each other's claims.
type ownership struct {
	mu      sync.Mutex
	claims  map[string]targetClaim
	locks   map[string]*sync.Mutex
	created map[string]bool // targets a create of this apply wrote or adopted
}

// targetClaim is an instance's claim on a target in one plan.
type targetClaim struct {
	instance string
	destroy  bool   // the instance is being destroyed (it left the configuration)
	what     string // how the instance reads in an error text
}

// Private-data keys of the plan: an instance's random key, and the target a
// planned update or replacement has now (read by a replacement's create half).
const (
	privateKeyInstance = "plan_instance"
	privateKeyPrior    = "plan_prior"
)

const summaryTargetClaimedTwice = "Two Resources Manage One Target"

// planInstance returns the random key of the instance being planned: the one
// in its private data, else a new one recorded in the planned private data.
func planInstance(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) string {
	if key := privateString(ctx, req.Private, privateKeyInstance); key != "" {
		return key
	}
	b := make([]byte, 16)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	key := hex.EncodeToString(b)
	setPlannedPrivateString(ctx, resp, privateKeyInstance, key)
	return key
}

// recordPlannedPrior records id, the target of the prior state, in the
// planned private data.
func recordPlannedPrior(ctx context.Context, id string, resp *resource.ModifyPlanResponse) {
	setPlannedPrivateString(ctx, resp, privateKeyPrior, id)
}

// plannedPrior is the target recorded by recordPlannedPrior in the private
// data the plan was given: in the create half of a replacement, the target
// that its delete half removes; "" otherwise.
func plannedPrior(ctx context.Context, req resource.ModifyPlanRequest) string {
	return privateString(ctx, req.Private, privateKeyPrior)
}

// privateString is the string (JSON) under key in private data; "" when there
// is none or it is not a string.
func privateString(ctx context.Context, private privateData, key string) string {
	raw, diags := private.GetKey(ctx, key)
	var s string
	if diags.HasError() || raw == nil || json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}

// setPlannedPrivateString records s under key in the planned private data.
func setPlannedPrivateString(ctx context.Context, resp *resource.ModifyPlanResponse, key, s string) {
	if resp.Private == nil {
		return
	}
	value, _ := json.Marshal(s) // a string always marshals
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, key, value)...)
}

// claimTarget records that claim's instance plans target id (the resource ID,
// whose kind names the resource type in texts). A second instance claiming a
// target fails the plan, naming the target and both instances; two destroys
// of one target are harmless (delete treats "not found" as done).
func (o *ownership) claimTarget(id, kind string, claim targetClaim, diags *diag.Diagnostics) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.claims == nil {
		o.claims = map[string]targetClaim{}
	}
	prior, ok := o.claims[id]
	if !ok || prior.instance == claim.instance || (prior.destroy && claim.destroy) {
		o.claims[id] = claim
		return
	}
	first, second := prior, claim
	if first.destroy { // the instance that stays in the configuration is described second
		first, second = second, first
	}
	if first.destroy || second.destroy {
		diags.AddAttributeError(path.Root("sdk_app_id"), summaryTargetClaimedTwice, fmt.Sprintf(
			"%[1]s %[2]s is planned both to be destroyed, by a resource instance that left the configuration, and to be managed by another instance, which %[3]s. "+
				"Terraform would create or adopt it and then delete it, in either order.\n\n"+
				"If the resource was renamed or moved (including a new for_each or count key), tell Terraform with a moved block, so that the same object moves to the new address:\n\n"+
				"  moved {\n    from = <old address>\n    to   = <new address>\n  }\n\n"+
				"Otherwise remove the old instance from the state first (terraform state rm <old address>) and import the target into the new one (terraform import <new address> %[2]s).",
			kind, id, first.what))
		return
	}
	diags.AddAttributeError(path.Root("sdk_app_id"), summaryTargetClaimedTwice, fmt.Sprintf(
		"Two resource instances in this configuration manage %[1]s %[2]s: one that %[3]s, and another (this diagnostic's) that %[4]s. "+
			"An app has one of them, so the two would overwrite each other on every apply.\n\n"+
			"Keep one resource for each target: remove one of the two, or give them different products or sdk_app_id values "+
			"(a resource without sdk_app_id uses the provider's sdk_app_id). Terraform does not tell providers resource addresses, "+
			"so look for the resources of this type whose sdk_app_id (or the provider's) and product make %[2]s.",
		kind, id, first.what, second.what))
}

// beginCreate takes the lock of target id for a create and reports whether
// another create of this apply has already written or adopted the target.
// While ok, the caller holds the lock until it calls done, with whether the
// target is now this create's.
func (o *ownership) beginCreate(id string) (done func(created bool), ok bool) {
	lock := o.lock(id)
	lock.Lock()
	o.mu.Lock()
	taken := o.created[id]
	o.mu.Unlock()
	if taken {
		lock.Unlock()
		return nil, false
	}
	return func(created bool) {
		if created {
			o.mu.Lock()
			if o.created == nil {
				o.created = map[string]bool{}
			}
			o.created[id] = true
			o.mu.Unlock()
		}
		lock.Unlock()
	}, true
}

// createdByOther reports, under the target's lock, whether a create of this
// apply owns target id now; a delete then leaves the target alone: it belongs
// to the instance that took it over (create_before_destroy, or a rename
// without a moved block whose target was unknown at plan).
func (o *ownership) createdByOther(id string) bool {
	lock := o.lock(id)
	lock.Lock()
	defer lock.Unlock()
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.created[id]
}

func (o *ownership) lock(id string) *sync.Mutex {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.locks == nil {
		o.locks = map[string]*sync.Mutex{}
	}
	l, ok := o.locks[id]
	if !ok {
		l = &sync.Mutex{}
		o.locks[id] = l
	}
	return l
}

// addTakenError is the already-exists error of a create whose target another
// create of the same apply wrote or adopted first.
func addTakenError(diags *diag.Diagnostics, summary, kind, id string) {
	diags.AddAttributeError(path.Root("sdk_app_id"), summary, fmt.Sprintf(
		"%s %s was created or adopted a moment ago, in this same apply, by another resource instance of this configuration, "+
			"so it already exists and this create did not change it. An app has one of them: keep one resource for each target "+
			"(its sdk_app_id was not known at plan time, so the plan could not tell that two resources name it).",
		kind, id))
}

// describePlannedApp says how a planned instance names its app, for
// ownership errors.
func describePlannedApp(ctx context.Context, req resource.ModifyPlanRequest, app uint64) string {
	var configured types.Int64
	_ = req.Config.GetAttribute(ctx, path.Root("sdk_app_id"), &configured)
	if configured.IsNull() {
		return fmt.Sprintf("uses the provider's sdk_app_id (%d)", app)
	}
	return fmt.Sprintf("sets sdk_app_id = %d", app)
}
