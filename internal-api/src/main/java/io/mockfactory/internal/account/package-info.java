/**
 * The account routes' answers as auth-service writes them and the gateway documents them (it forwards these routes
 * as they are): one definition for both.
 */
package io.mockfactory.internal.account;
