terraform {
  required_providers {
    tencentrtc = {
      source = "tencentrtc/tencentrtc"
    }
  }
}

# Credentials come from the environment, so none are written in code:
#
#   export TENCENTRTC_SDK_APP_ID=1400000000   # SDKAppID, from the console
#   export TENCENTRTC_SECRET_KEY="..."        # SDKSecretKey, from the console
#
# With TENCENTRTC_ENDPOINT set (the local emulator, a proxy), the endpoint
# replaces the region's domains.
provider "tencentrtc" {
  region = "singapore"
}

# One configuration for several apps: sdk_app_id (here from the environment)
# is the default app, each entry of `apps` adds one, and a resource picks an
# app with its own sdk_app_id argument.
provider "tencentrtc" {
  alias = "fleet"

  region = "singapore"
  apps = {
    for id, key in var.app_secret_keys : id => { secret_key = key }
  }
}

variable "app_secret_keys" {
  description = "Secret keys of the apps other than the default one, keyed by SDKAppID. Pass them as TF_VAR_app_secret_keys='{\"1400000001\" = \"...\"}', never in a file in Git."
  type        = map(string)
  sensitive   = true
  default     = {}
}
