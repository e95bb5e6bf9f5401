# A test Live callback of the provider's default app, signed with the app's
# Live callback token (read from Tencent; unsigned when the app has none or
# it is disabled). Send it with
#   terraform apply -invoke=action.tencentrtc_test_callback.live
action "tencentrtc_test_callback" "live" {
  config {
    product = "live"
    url     = "https://hooks.example.com/trtc/live"
  }
}

# A legacy TUICallKit callback with another event than the default
# (normal_end). sdk_app_id is the app the callback names (SdkAppid); without
# it, the provider's default app.
action "tencentrtc_test_callback" "callkit" {
  config {
    sdk_app_id = 1400000000
    product    = "callkit"
    url        = "https://hooks.example.com/trtc/callkit"
    command    = "caller_start_call"
  }
}
