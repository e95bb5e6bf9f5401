// Package provider is the Terraform provider tencentrtc, on
// terraform-plugin-framework: the provider block, the resources
// tencentrtc_callback_config and tencentrtc_live_callback_token, their list
// resources (terraform query), the data sources and the action
// tencentrtc_test_callback.
//
// Files:
//   - provider.go, provider_settings.go, tuning.go, region.go: the provider
//     block, its environment variables and defaults, the retry and rate
//     knobs; Configure builds one client per app.
//   - provider_data.go: what Configure hands on (providerData) and the
//     resolution every operation shares: the app of a resource (resolve,
//     resolveCallback, planApp), identities, SDKAppIDs, the import hint.
//   - resource_callback_config.go, resource_live_callback_token.go: one file
//     per resource, in the order schema, CRUD, import, plan, then helpers
//     (the create rule, identity, import parsing).
//   - ownership.go: one resource instance per target, at plan and at apply.
//   - list_engine.go and list_*.go, data_source_*.go, action_*.go.
//   - validators.go, diag.go, log.go: validators and their texts, diagnostic
//     summaries and API error details, logging with secrets masked.
//
// Policy lives here, HTTP in internal/client: a create never replaces an
// object it did not make, a plan reads the target of a create, "not found"
// on refresh removes a resource from the state and nothing else does.
package provider
