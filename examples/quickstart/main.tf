# The smallest working configuration, applied to the local emulator with the
# provider built from this repository (`make build` and the dev.tfrc of the
# README, whose dev_overrides need no `terraform init`):
#
#   tencentrtc-emulator -listen 127.0.0.1:8080 -app 1400000000:quickstart-key &
#   export TENCENTRTC_ENDPOINT=http://127.0.0.1:8080
#   export TENCENTRTC_SDK_APP_ID=1400000000
#   export TENCENTRTC_SECRET_KEY=quickstart-key
#   terraform apply
#
# With the provider installed from the registry instead, run `terraform init`
# first. Unset TENCENTRTC_ENDPOINT and use a real SDKAppID and key to apply
# the same configuration to Tencent.
terraform {
  required_providers {
    tencentrtc = {
      source = "tencentrtc/tencentrtc"
    }
  }
}

provider "tencentrtc" {}

resource "tencentrtc_callback_config" "call" {
  product           = "call"
  url               = "https://hooks.example.com/trtc/call"
  callback_commands = ["Call.CallbackAfterStartCall", "Call.CallbackAfterEndCall"]
}

output "id" {
  value = tencentrtc_callback_config.call.id
}
