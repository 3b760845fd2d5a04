variable "name" {
  type = string
}

variable "labels" {
  type    = map(string)
  default = {}
}

variable "readers" {
  type    = list(string)
  default = []
}

resource "google_storage_bucket" "this" {
  name                        = var.name
  location                    = "EU"
  uniform_bucket_level_access = true
  public_access_prevention    = "inherited"
  labels                      = var.labels
}

resource "google_storage_bucket_iam_member" "readers" {
  for_each = toset(var.readers)

  bucket = google_storage_bucket.this.name
  role   = "roles/storage.objectViewer"
  member = each.value
}

output "url" {
  value = google_storage_bucket.this.url
}
