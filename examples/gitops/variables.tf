variable "sdk_app_id" {
  description = "Default SDKAppID; null takes it from TENCENTRTC_SDK_APP_ID. Its secret key comes from TENCENTRTC_SECRET_KEY."
  type        = number
  default     = null
}

variable "region" {
  description = "Tencent region of the apps: china, singapore, seoul, frankfurt, silicon-valley or jakarta."
  type        = string
  default     = "singapore"
}

variable "webhook_base_url" {
  description = "Base URL of the callback receiver, without a trailing slash."
  type        = string

  validation {
    condition     = can(regex("^https://[^/]+", var.webhook_base_url))
    error_message = "The webhook_base_url must be an https:// URL with a host."
  }
}

variable "apps" {
  description = "Apps to manage, keyed by SDKAppID. Apps other than sdk_app_id need a key in app_secret_keys."
  type = map(object({
    environment = string
    products    = optional(set(string), ["call", "live", "room"])
  }))

  validation {
    condition = alltrue([
      for app in values(var.apps) : alltrue([for p in app.products : contains(["call", "live", "room"], p)])
    ])
    error_message = "Each app's products must be a subset of call, live and room."
  }
}

variable "app_secret_keys" {
  description = "Secret keys of the apps other than sdk_app_id, keyed by SDKAppID. Set through TF_VAR_app_secret_keys in CI."
  type        = map(string)
  sensitive   = true
  default     = {}
}

variable "live_callback_token" {
  description = "Token that signs the Live callbacks of the default app. Set it through TF_VAR_live_callback_token; null leaves the token unmanaged."
  type        = string
  sensitive   = true
  default     = null
}
