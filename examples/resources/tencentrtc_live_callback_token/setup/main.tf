# Stands in for a token set in the console or by another tool, so that the
# import example of the folder above has something to import. `make test`
# applies this folder first, then the folder above, and destroys both.
resource "tencentrtc_live_callback_token" "made_elsewhere" {
  token   = "token-set-in-the-console"
  enabled = true
}
