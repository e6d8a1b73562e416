package io.scanflow.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Hashed identifiers of the visitor; never raw e-mail addresses or phone numbers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserIdentifiers(
    @JsonProperty("email_hash") String emailHash, @JsonProperty("phone_hash") String phoneHash) {}
