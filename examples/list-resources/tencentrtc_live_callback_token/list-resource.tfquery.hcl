# The apps that have a Live callback token. The token itself is never
# returned: configuration generated from these results has
# `token = null # sensitive`; set token (the current token, from a sensitive
# variable) in each generated resource before terraform apply.
list "tencentrtc_live_callback_token" "all" {
  provider = tencentrtc
  limit    = 1000

  config {
    # Optional: defaults to every app the provider has credentials for.
    sdk_app_ids = [1400000001, 1400000002]
  }
}
