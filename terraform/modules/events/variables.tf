variable "name" {
  type        = string
  description = "Name prefix for every resource, e.g. movie-ratings-dev."
}

variable "rating_events_source" {
  type        = string
  description = "Source of the rating events on the bus."
  default     = "movie-ratings.command-api"
}

variable "rating_event_detail_types" {
  type        = list(string)
  description = "detail-type values the rule forwards to the projection queue."
  default = [
    "RatingSubmitted", "RatingRetracted", "RatingErased", "DiaryEntryLogged", "DiaryEntryEdited", "DiaryEntryDeleted",
    "MovieWatchlisted", "MovieUnwatchlisted", "ReviewMarkedHelpful", "ReviewUnmarkedHelpful", "MovieTagged", "MovieUntagged",
    "PersonErased",
  ]
}

variable "projector_function_arn" {
  type        = string
  description = "ARN of the projector's live alias (the event source mapping invokes it)."
}

variable "projector_timeout_seconds" {
  type        = number
  description = "Timeout of the projector function; the queue's visibility timeout is 6x this plus the batching window."
}

variable "batch_size" {
  type        = number
  description = "Messages per projector invocation."
  default     = 10

  validation {
    condition     = var.batch_size >= 1 && var.batch_size <= 10000
    error_message = "batch_size must be between 1 and 10000."
  }
}

variable "maximum_batching_window_seconds" {
  type        = number
  description = "Seconds the event source mapping may wait to fill a batch (0-300)."
  default     = 1

  validation {
    condition     = var.maximum_batching_window_seconds >= 0 && var.maximum_batching_window_seconds <= 300
    error_message = "maximum_batching_window_seconds must be between 0 and 300."
  }
}

variable "maximum_concurrency" {
  type        = number
  description = "Upper bound of concurrent projector invocations from the queue (>= 2), or null for no bound."
  default     = null
}

variable "max_receive_count" {
  type        = number
  description = "Receives before a message moves to the dead-letter queue."
  default     = 5
}

variable "queue_message_retention_seconds" {
  type        = number
  description = "Retention of the projection queue."
  default     = 345600
}

variable "dlq_message_retention_seconds" {
  type        = number
  description = "Retention of the dead-letter queues (the maximum, 14 days, leaves time to redrive)."
  default     = 1209600
}

variable "target_maximum_event_age_seconds" {
  type        = number
  description = "How long EventBridge keeps retrying delivery to the queue before the event goes to the rule's DLQ."
  default     = 86400
}

variable "target_maximum_retry_attempts" {
  type        = number
  description = "Delivery attempts EventBridge makes before the event goes to the rule's DLQ (0-185)."
  default     = 185
}

variable "archive_retention_days" {
  type        = number
  description = "Retention of the bus archive (replay source); 0 keeps events indefinitely."
  default     = 365
}

variable "oldest_message_alarm_seconds" {
  type        = number
  description = "Alarm when the oldest message in the projection queue is older than this (projection lag)."
  default     = 300
}

variable "alarm_actions" {
  type        = list(string)
  description = "SNS topic ARNs notified by the alarms."
  default     = []
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource of this module."
  default     = {}
}

variable "user_pool_id" {
  type        = string
  description = "Id of the Cognito user pool whose user an erasure deletes (the PersonErased state machine's UserPoolId)."
}

variable "user_pool_arn" {
  type        = string
  description = "ARN of that user pool: the one resource the state machine may call cognito-idp:AdminDeleteUser on."
}
