/** End-to-end tests: the whole pipeline as ./scanflow up starts it. */
package io.scanflow.e2e;
