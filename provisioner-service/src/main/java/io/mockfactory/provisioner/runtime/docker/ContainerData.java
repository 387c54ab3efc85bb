package io.mockfactory.provisioner.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import io.mockfactory.provisioner.runtime.Endpoint;
import io.mockfactory.provisioner.runtime.InstanceSpec;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * How a snapshot copies one type's data out of a running container, through the Docker archive API (this service may
 * run on another host or in another container than the engine's files, so the API is the only way in), and what a new
 * container is given it in.
 */
interface ContainerData {

    /**
     * Writes the running instance's data, consistent as of one moment and without stopping it, as the entries of a tar
     * that {@link #restoreDir()} of a new container receives as it is, each file owned as the tar says (by the user
     * the server runs as).
     */
    void copyOut(DockerClient docker, String container, Endpoint address, InstanceSpec spec, TarArchiveOutputStream into)
            throws Exception;

    /**
     * Writes a stopped container's data (its server shut down cleanly, so its files are consistent as they are) as
     * entries of a tar that {@link #restoreDir()} receives, as {@link #copyOut} does.
     */
    void copyOutStopped(DockerClient docker, String container, TarArchiveOutputStream into) throws Exception;

    /** The directory of a created, never started container where the snapshot's tar is unpacked. */
    String restoreDir();
}
