terraform {
  required_providers {
    cloudflare = {
      source = "cloudflare/cloudflare"
    }
  }
}

resource "cloudflare_r2_bucket" "releases" {
  account_id = "023e105f4ecef8ad9ca31a8372d0c353"
  name       = "acme-cli-releases"
}

resource "cloudflare_r2_managed_domain" "releases" {
  account_id  = "023e105f4ecef8ad9ca31a8372d0c353"
  bucket_name = cloudflare_r2_bucket.releases.name
  enabled     = true
}
