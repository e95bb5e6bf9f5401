terraform {
  required_providers {
    tencentrtc = {
      source = "tencentrtc/tencentrtc"
    }
  }
}
