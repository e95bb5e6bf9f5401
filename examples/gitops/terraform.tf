terraform {
  required_version = ">= 1.8.0"

  required_providers {
    tencentrtc = {
      source  = "tencentrtc/tencentrtc"
      version = "~> 0.1"
    }
  }
}
