package provider

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/tencentrtc/terraform-provider-tencentrtc/internal/client"
)

// The list resources (terraform query, Terraform 1.14+) read every selected
// app with one request per (app, product). This file holds what they share:
// app selection, and a scheduler that reads apps concurrently yet streams the
// results in a stable order and stops issuing requests at the limit.

// listConcurrency bounds the apps read at the same time: half of the shared
// transport's 32 idle connections per host (client.NewHTTPClient), so that
// connections are reused, not opened and closed. Within one app the reads
// run one after another, under that app's own rate limiter.
const listConcurrency = 16

const (
	summaryListCallback  = "Unable to List Callback Configurations"
	summaryListLiveToken = "Unable to List Live Callback Tokens" //nolint:gosec // G101: a title, not a credential
)

// listAppsDescription documents sdk_app_ids and the failure behaviour, shared
// by both list resources.
const listAppsDescription = "The SDKAppIDs to list. Defaults to every app the provider has credentials for: its `sdk_app_id` (with `secret_key`) and every key of `apps`. " +
	"Each app needs credentials in the provider configuration. " +
	"An app that cannot be read (for example rejected credentials, API code 70009) does not stop the others: they are all read and returned first, " +
	"then one error per failed app, naming the SDKAppID, fails the query. Terraform then shows no results for this `list` block, so fix the credentials " +
	"or leave the app out of `sdk_app_ids`."

var _ list.ListResourceWithConfigure = (*listResource)(nil)

// listResource is a list resource: what it is called and takes, and how one
// List prepares the reading of an app. The engine does the rest.
type listResource struct {
	resourceBase
	schema  func() schema.Schema
	summary string
	prepare listPreparer
}

// listPreparer reads the configuration of a List beyond sdk_app_ids and
// returns the most results one app can give and the reader of one app.
type listPreparer func(ctx context.Context, req list.ListRequest, diags *diag.Diagnostics) (perApp int, read appReader)

// newListResource returns the list resource of the managed resource
// typeName (after the provider's type name); summary heads its errors.
func newListResource(typeName, summary string, schemaOf func() schema.Schema, prepare listPreparer) *listResource {
	return &listResource{resourceBase: resourceBase{typeName: typeName}, schema: schemaOf, summary: summary, prepare: prepare}
}

func (l *listResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = l.schema()
}

func (l *listResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	target, diags := l.start(ctx, req)
	if !diags.HasError() {
		target.perApp, target.read = l.prepare(ctx, req, &diags)
	}
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = target.stream(ctx)
}

// listAppsAttribute is the sdk_app_ids argument of both list resources.
func listAppsAttribute() schema.ListAttribute {
	return listArgument(listAppsDescription, types.Int64Type, listvalidator.ValueInt64sAre(sdkAppIDValidator))
}

// listArgument is an optional list argument of a list resource: at least one
// element of type elem, each checked by each.
func listArgument(description string, elem attr.Type, each validator.List) schema.ListAttribute {
	return schema.ListAttribute{
		MarkdownDescription: description,
		Optional:            true,
		ElementType:         elem,
		Validators:          []validator.List{listvalidator.SizeAtLeast(1), each},
	}
}

// start begins a List: a target with the provider data, the apps req asks
// for (its sdk_app_ids, or every app with credentials), its limit and
// summary; List adds perApp and read.
func (l *listResource) start(ctx context.Context, req list.ListRequest) (listTarget, diag.Diagnostics) {
	var diags diag.Diagnostics
	if l.data == nil {
		diags.AddError(l.summary, "The provider was not configured. "+bugReport)
		return listTarget{}, diags
	}
	var configured types.List
	diags.Append(req.Config.GetAttribute(ctx, path.Root("sdk_app_ids"), &configured)...)
	if diags.HasError() {
		return listTarget{}, diags
	}
	apps := selectApps(ctx, l.data, configured, &diags)
	return listTarget{data: l.data, apps: apps, limit: req.Limit, summary: l.summary}, diags
}

// appReader reads one app: at most budget results, in the stable order.
type appReader func(ctx context.Context, app uint64, c *client.Client, budget int) ([]list.ListResult, error)

// listTarget is what one list resource call reads.
type listTarget struct {
	data    *providerData
	apps    []uint64 // ascending, distinct
	perApp  int      // most results one app can give
	limit   int64    // 0: no limit
	summary string
	read    appReader
}

// selectApps returns the configured SDKAppIDs (sorted, duplicates removed),
// or every app with credentials when none are configured.
func selectApps(ctx context.Context, d *providerData, configured types.List, diags *diag.Diagnostics) []uint64 {
	if configured.IsNull() || configured.IsUnknown() {
		return d.appIDs()
	}
	var ids []int64
	diags.Append(configured.ElementsAs(ctx, &ids, false)...)
	apps := make([]uint64, 0, len(ids))
	for _, id := range ids {
		apps = append(apps, uint64(id)) //nolint:gosec // validated positive by the schema
	}
	slices.Sort(apps)
	return slices.Compact(apps)
}

// appSlot holds the outcome of one app.
type appSlot struct {
	done    chan struct{}
	skipped bool // not read: the limit was reached or the listing stopped
	results []list.ListResult
	err     error
}

// stream reads the apps, at most listConcurrency at a time, and yields their
// results in app order; the failures of apps come last. With a limit, an app
// is started only when the results still needed cannot be covered by the apps
// in flight, so no request is made for results beyond the limit.
func (t listTarget) stream(ctx context.Context) iter.Seq[list.ListResult] {
	return func(push func(list.ListResult) bool) {
		ctx, cancel := context.WithCancel(ctx)
		slots := make([]appSlot, len(t.apps))
		for i := range slots {
			slots[i].done = make(chan struct{})
		}
		var wg sync.WaitGroup
		defer wg.Wait()
		defer cancel()
		wg.Add(1)
		go func() {
			defer wg.Done()
			t.schedule(ctx, slots, &wg)
		}()

		var failures []list.ListResult
		emitted := int64(0)
		for i := range slots {
			<-slots[i].done
			if slots[i].skipped {
				break
			}
			if slots[i].err != nil {
				failures = append(failures, t.failure(t.apps[i], slots[i].err))
				continue
			}
			results := slots[i].results
			// Streamed results are Terraform's: drop the slot's reference so
			// that a long listing holds only the apps not yet streamed.
			slots[i].results = nil
			for j := range results {
				r := results[j]
				results[j] = list.ListResult{}
				if !push(r) {
					return
				}
				emitted++
				if t.limit > 0 && emitted >= t.limit {
					return
				}
			}
		}
		for _, f := range failures {
			if !push(f) {
				return
			}
		}
	}
}

// schedule starts one reader per app in order, within the concurrency bound
// and the limit, and marks the apps it will not read as skipped.
func (t listTarget) schedule(ctx context.Context, slots []appSlot, wg *sync.WaitGroup) {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	stop := context.AfterFunc(ctx, func() { mu.Lock(); cond.Broadcast(); mu.Unlock() })
	defer stop()
	inflight, found := 0, int64(0)
	limited := t.limit > 0
	// blocked reports whether app i must wait: too many apps in flight, or
	// the apps in flight may already give every result still needed.
	blocked := func() bool {
		return inflight >= listConcurrency || (limited && inflight > 0 && found+int64(t.perApp*(inflight+1)) > t.limit)
	}
	for i, app := range t.apps {
		mu.Lock()
		for blocked() && ctx.Err() == nil {
			cond.Wait()
		}
		if ctx.Err() != nil || (limited && found >= t.limit) {
			mu.Unlock()
			for j := i; j < len(slots); j++ {
				slots[j].skipped = true
				close(slots[j].done)
			}
			return
		}
		budget := t.perApp
		if limited {
			budget = int(min(int64(budget), t.limit-found-int64(t.perApp*inflight)))
		}
		inflight++
		mu.Unlock()

		wg.Add(1)
		go func(slot *appSlot) {
			defer wg.Done()
			slot.results, slot.err = t.readApp(ctx, app, budget)
			mu.Lock()
			inflight--
			found += int64(len(slot.results))
			cond.Broadcast()
			mu.Unlock()
			close(slot.done)
		}(&slots[i])
	}
}

// readApp resolves the app's client and reads it. Results of an app that
// failed are dropped: its error is reported instead.
func (t listTarget) readApp(ctx context.Context, app uint64, budget int) ([]list.ListResult, error) {
	c, err := t.data.client(app)
	if err != nil {
		return nil, noCredentialsError{err}
	}
	ctx = t.data.logContext(ctx, app)
	ctx = tflog.SetField(ctx, "sdk_app_id", strconv.FormatUint(app, 10))
	results, err := t.read(ctx, app, c, budget)
	if err != nil {
		return nil, err
	}
	debugLog(ctx, "Listed app", map[string]any{"results": len(results)})
	return results, nil
}

// failure is the error result of an app that could not be listed.
func (t listTarget) failure(app uint64, err error) list.ListResult {
	var r list.ListResult
	var creds noCredentialsError
	if errors.As(err, &creds) {
		r.Diagnostics.AddAttributeError(path.Root("sdk_app_ids"), t.summary,
			fmt.Sprintf("SDKAppID %d could not be listed: %s.", app, err))
		return r
	}
	r.Diagnostics.AddError(t.summary, fmt.Sprintf("SDKAppID %d could not be listed. %s", app, apiErrorDetail(err)))
	return r
}

// noCredentialsError marks an app the provider has no credentials for.
type noCredentialsError struct{ error }

func (e noCredentialsError) Unwrap() error { return e.error }
