sdk_app_id       = 1400000000
region           = "singapore"
webhook_base_url = "https://hooks.example.com/trtc"

apps = {
  "1400000000" = { environment = "production" }
  "1400000001" = { environment = "staging", products = ["call", "live"] }
}
