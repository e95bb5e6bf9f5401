# The apps in production (a sample): terraform apply -var-file=production.tfvars.
# The default app comes from TENCENTRTC_SDK_APP_ID, its key from TENCENTRTC_SECRET_KEY,
# the other keys from TF_VAR_app_secret_keys.
region           = "singapore"
webhook_base_url = "https://hooks.example.com/trtc"

apps = {
  "1400000000" = { environment = "production" }
  "1400000001" = { environment = "staging", products = ["call", "live"] }
}
