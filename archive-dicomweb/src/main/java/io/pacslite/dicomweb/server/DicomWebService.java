package io.pacslite.dicomweb.server;

/**
 * A group of endpoints (STOW-RS, WADO-RS, ...) that registers its routes. Adding a service is
 * one class and one line in {@link DicomWebServer#services}.
 */
public interface DicomWebService {

    void register(Routes routes);
}
