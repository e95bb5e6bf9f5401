terraform {
  required_providers {
    tencentrtc = {
      source = "tencentrtc/tencentrtc"
    }
  }
}

# Credentials come from the environment, so none are written in code:
#
#   export TENCENTRTC_SDK_APP_ID=1400000000
#   export TENCENTRTC_SECRET_KEY="..."   # from the TRTC / Chat console
provider "tencentrtc" {
  region = "singapore"
}

# The local emulator (or a proxy) replaces every Tencent domain. Plain http is
# accepted for loopback hosts only.
provider "tencentrtc" {
  alias = "emulator"

  endpoint   = "http://127.0.0.1:8080"
  sdk_app_id = 1400000000
  secret_key = var.emulator_secret_key
}

# One configuration for several apps: sdk_app_id is the default app, and each
# resource may pick another one of `apps` with its own sdk_app_id argument.
provider "tencentrtc" {
  alias = "fleet"

  region     = "china"
  sdk_app_id = 1400000000
  secret_key = var.secret_keys["1400000000"]
  apps = {
    "1400000001" = {
      secret_key = var.secret_keys["1400000001"]
    }
    "1400000002" = {
      secret_key = var.secret_keys["1400000002"]
      identifier = "ops_admin"
    }
  }
}

variable "emulator_secret_key" {
  type      = string
  sensitive = true
}

variable "secret_keys" {
  description = "Secret keys keyed by SDKAppID."
  type        = map(string)
  sensitive   = true
}
