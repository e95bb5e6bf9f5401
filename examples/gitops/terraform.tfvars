# Loaded automatically. These values apply on the local emulator with one app
# (TENCENTRTC_SDK_APP_ID=1400000000); production.tfvars is a production-like
# sample with two apps. Secrets never go in .tfvars files: see README.md.
region           = "singapore"
webhook_base_url = "https://hooks.example.com/trtc"

apps = {
  "1400000000" = { environment = "production" }
}
