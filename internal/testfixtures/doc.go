// Package testfixtures is the one home of what the tests of this module
// write again and again: the test apps, provider blocks, command word lists,
// the multi-app root module, patterns that match CLI output, the CLI
// configuration that points Terraform at a local provider binary (and the
// build of that binary), and a buffer that logs may be written to and read from at once. Like
// terraform-provider-tls's testutils, it is imported by tests only (the
// provider's, the tools', the benchmarks'); the demo and the tools' programs
// keep what they need in their own packages.
package testfixtures
