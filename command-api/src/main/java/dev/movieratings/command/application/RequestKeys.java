package dev.movieratings.command.application;

/** Each person's secret key for the fingerprints of their requests (personal store; erasure destroys it). */
public interface RequestKeys {

    /** The person's 32-byte key, made on first use. */
    byte[] of(String userId);
}
