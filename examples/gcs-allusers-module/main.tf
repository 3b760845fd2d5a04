provider "google" {
  project = "acme-prod"
  region  = "europe-west1"

  default_labels = {
    owner = "release-eng"
  }
}

module "downloads" {
  source = "./modules/bucket"

  name   = "acme-sdk-downloads"
  labels = { release = "true" }
  # The SDK download page links straight to the bucket.
  readers = ["allUsers"]
}
