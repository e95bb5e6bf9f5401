# The apps that have a Live callback token. The token itself is never
# returned nor written to generated configuration; terraform apply of that
# configuration imports the app's current token into the state (sensitive).
list "tencentrtc_live_callback_token" "all" {
  provider = tencentrtc
  limit    = 1000

  config {
    # Optional: defaults to every app the provider has credentials for (its
    # sdk_app_id and the keys of its `apps` map).
    sdk_app_ids = [1400000000]
  }
}
