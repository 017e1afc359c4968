/** TLS for the archive's listeners (DICOM TLS, PS3.15 Annex B.9, and HTTPS) from PEM files. */
package io.pacslite.archive.tls;
