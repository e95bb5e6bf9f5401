# The configuration the query files of this folder run with. On the local
# emulator:
#
#   tencentrtc-emulator -listen 127.0.0.1:8080 -app 1400000000:quickstart-key -app 1400000001:key-1 -app 1400000002:key-2 &
#   export TENCENTRTC_ENDPOINT=http://127.0.0.1:8080
#   export TENCENTRTC_SDK_APP_ID=1400000000
#   export TENCENTRTC_SECRET_KEY=quickstart-key
#   terraform query
terraform {
  required_providers {
    tencentrtc = {
      source = "tencentrtc/tencentrtc"
    }
  }
}

# The default app comes from the environment; a query lists it and every app
# of `apps` unless its sdk_app_ids says otherwise.
provider "tencentrtc" {
  apps = {
    for id, key in var.app_secret_keys : id => { secret_key = key }
  }
}

variable "app_secret_keys" {
  description = "Secret keys of the apps other than the default one, keyed by SDKAppID."
  type        = map(string)
  sensitive   = true
}
