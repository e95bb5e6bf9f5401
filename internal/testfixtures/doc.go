// Package testfixtures is the one home of what the tests of this module (and
// the benchmark) write again and again: the test apps, provider blocks,
// command word lists, the multi-app root module, patterns that match CLI
// output, and the CLI configuration that points Terraform at a local provider
// binary, and a buffer that logs may be written to and read from at once.
// Like terraform-provider-tls's testutils, it is imported by tests only (and
// by bench/, which measures the same configurations, and by demo/, which
// reads the webhook receiver's log as it is written).
package testfixtures
