// Package testfixtures is the one home of what the tests of this module (and
// the benchmark) write again and again: the test apps, provider blocks,
// command word lists, the multi-app root module, patterns that match CLI
// output, and the CLI configuration that points Terraform at a local provider
// binary. Like terraform-provider-tls's testutils, it is imported by tests
// only (and by bench/, which measures the same configurations).
package testfixtures
