terraform {
  required_providers {
    cloudflare = {
      source  = "cloudflare/cloudflare"
      version = "~> 5.1"
    }
  }
}

variable "account_id" {
  type    = string
  default = "023e105f4ecef8ad9ca31a8372d0c353"
}

# The desktop app's installers and update feeds.
# posture:release
resource "cloudflare_r2_bucket" "installers" {
  account_id = var.account_id
  name       = "acme-installers"
  location   = "wnam"
}

# Turned on "temporarily" to test the updater; never turned off.
resource "cloudflare_r2_managed_domain" "installers" {
  account_id  = var.account_id
  bucket_name = cloudflare_r2_bucket.installers.name
  enabled     = true
}
