# The quick-start configuration that `make demo` applies against the local
# emulator. The provider block is empty: TENCENTRTC_ENDPOINT,
# TENCENTRTC_SDK_APP_ID and TENCENTRTC_SECRET_KEY come from the environment.
terraform {
  required_providers {
    tencentrtc = {
      source = "tencentrtc/tencentrtc"
    }
  }
}

provider "tencentrtc" {}

variable "receiver_url" {
  description = "Base URL of the webhook receiver (examples/webhook-receiver)."
  type        = string
}

variable "live_callback_token" {
  description = "Token that signs Live callbacks."
  type        = string
  sensitive   = true
}

# TUICallKit: Call callbacks go to the receiver's /call path (unsigned).
resource "tencentrtc_callback_config" "call" {
  product = "call"
  url     = "${var.receiver_url}/call"
  callback_commands = [
    "Call.CallbackAfterStartCall",
    "Call.CallbackAfterEndCall",
  ]
}

# TUILiveKit: Live callbacks go to /live, where the receiver requires a Sign.
resource "tencentrtc_callback_config" "live" {
  product = "live"
  url     = "${var.receiver_url}/live"
  callback_commands = [
    "Live.CallbackAfterCreateRoom",
    "Live.CallbackAfterDestroyRoom",
  ]
}

# With the token enabled, Tencent adds Sign and RequestTime to Live callbacks.
resource "tencentrtc_live_callback_token" "live" {
  token   = var.live_callback_token
  enabled = true
}
