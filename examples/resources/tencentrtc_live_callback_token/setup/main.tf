# Stands in for a token that exists already (set in the console or by another
# tool), so that the import blocks of the folder above have something to
# import. `make test` applies this folder first, then the folder above with
# one import-by-*.tf file at a time, and destroys both. It equals the token of
# ../terraform.tfvars, so the plan after the import is empty.
resource "tencentrtc_live_callback_token" "existing" {
  token   = "sample-token-for-the-emulator"
  enabled = true
}
