# The release bucket is private on paper: public access prevention enforced, uniform access,
# and only the CI service account may write.
resource "google_storage_bucket" "releases" {
  name                        = "acme-cli-releases"
  location                    = "EU"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  labels = {
    purpose = "release-artifacts"
  }
}

resource "google_storage_bucket_iam_member" "ci" {
  bucket = google_storage_bucket.releases.name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:release-ci@acme-cli.iam.gserviceaccount.com"
}
